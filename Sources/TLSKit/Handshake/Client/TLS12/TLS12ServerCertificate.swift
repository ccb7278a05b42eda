import Crypto
import X509
import _CryptoExtras

/// The server's certificate in a TLS 1.2 full handshake: its chain, the verifier's verdict
/// once known, and the leaf's key, which must fit the suite's authentication (RFC 5246,
/// Section 7.4.2; RFC 8422, Section 5.3): ECDSA (or Ed25519) for ECDHE_ECDSA, RSA for
/// ECDHE_RSA and RSA key exchange; an ECDSA key on a curve the client listed in
/// supported_groups (RFC 8422, Sections 5.1 and 5.3).
struct TLS12ServerCertificate: Sendable {
    let chain: PeerCertificateChain
    let publicKey: Certificate.PublicKey
    var verification: CertificateVerificationResult?

    /// Parses the leaf and checks its key against `authentication`: a leaf that does not
    /// parse is a bad_certificate, a key of the wrong kind an unsupported_certificate, an
    /// ECDSA key on a curve missing from `offeredGroups` (the ClientHello's supported_groups;
    /// empty when it sent none, which lists every curve) an illegal_parameter.
    init(
        chain: PeerCertificateChain, authentication: CipherSuiteParameters.Authentication, suite: CipherSuite,
        offeredGroups: [NamedGroup]
    ) throws {
        let certificate: Certificate
        do {
            // Parsed again only to say why it does not parse.
            certificate = try chain.parsedLeaf ?? Certificate(derEncoded: chain.leaf)
        } catch {
            throw TLSError(
                code: .peerMisbehaved, reason: "the server's leaf certificate does not parse: \(error)", alert: .badCertificate)
        }
        let key = certificate.publicKey
        let fits: Bool
        switch authentication {
        case .ecdsa:
            fits = P256.Signing.PublicKey(key) != nil || P384.Signing.PublicKey(key) != nil
                || P521.Signing.PublicKey(key) != nil || Curve25519.Signing.PublicKey(key) != nil
        case .rsa:
            fits = _RSA.Signing.PublicKey(key) != nil
        }
        guard fits else {
            throw TLSError(
                code: .peerMisbehaved,
                reason: "the server's certificate key does not fit \(suite), which needs \(authentication == .ecdsa ? "an ECDSA or Ed25519" : "an RSA") key (RFC 5246, Section 7.4.2)",
                alert: .unsupportedCertificate)
        }
        if let curve = Self.ecdsaCurve(of: key), !offeredGroups.isEmpty, !offeredGroups.contains(curve) {
            throw TLSError(
                code: .peerMisbehaved,
                reason: "the server's ECDSA certificate key is on \(curve), which the client's supported_groups "
                    + "\(offeredGroups) does not list; in TLS 1.2 the server must present a certificate on a listed curve "
                    + "(RFC 8422, Sections 5.1 and 5.3): the server ignores supported_groups, or add \(curve) to supportedGroups",
                alert: .illegalParameter)
        }
        self.chain = chain
        self.publicKey = key
    }

    /// The supported_groups code point of an ECDSA key's curve; nil for other keys.
    private static func ecdsaCurve(of key: Certificate.PublicKey) -> NamedGroup? {
        if P256.Signing.PublicKey(key) != nil { return .secp256r1 }
        if P384.Signing.PublicKey(key) != nil { return .secp384r1 }
        if P521.Signing.PublicKey(key) != nil { return .secp521r1 }
        return nil
    }
}
