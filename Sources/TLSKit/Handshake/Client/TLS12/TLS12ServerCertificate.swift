import Crypto
import X509
import _CryptoExtras

/// The server's certificate in a TLS 1.2 full handshake: its chain, the verifier's verdict
/// once known, and the leaf's key, which must fit the suite's authentication (RFC 5246,
/// Section 7.4.2; RFC 8422, Section 5.3): ECDSA (or Ed25519) for ECDHE_ECDSA, RSA for
/// ECDHE_RSA and RSA key exchange.
struct TLS12ServerCertificate: Sendable {
    let chain: PeerCertificateChain
    let publicKey: Certificate.PublicKey
    var verification: CertificateVerificationResult?

    /// Parses the leaf and checks its key against `authentication`: a leaf that does not
    /// parse is a bad_certificate, a key of the wrong kind an unsupported_certificate.
    init(chain: PeerCertificateChain, authentication: CipherSuiteParameters.Authentication, suite: CipherSuite) throws {
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
        self.chain = chain
        self.publicKey = key
    }
}
