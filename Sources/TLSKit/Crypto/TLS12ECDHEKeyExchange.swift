import Crypto
import X509

/// The ECDHE key exchange of TLS 1.2 (RFC 8422, Sections 5.4, 5.7 and 5.10; RFC 5246,
/// Section 7.4.3): the server sends an ephemeral public value in a signed ServerKeyExchange,
/// the client checks the signature against the certificate, answers with its own value, and
/// both take the ECDH shared secret as the premaster secret.
///
/// Groups: X25519 (RFC 8422, Section 5.1.1, from RFC 7748), secp256r1 and secp384r1, through
/// the same `KeyExchangeKeyPair` code as TLS 1.3. X25519MLKEM768 is a TLS 1.3 hybrid with no
/// TLS 1.2 definition and is refused.
enum TLS12ECDHEKeyExchange {
    /// The groups TLS 1.2 ECDHE can use, in TLSKit's order of preference.
    static let groups: [NamedGroup] = [.x25519, .secp256r1, .secp384r1]

    // MARK: Server

    /// A fresh ephemeral key pair for `group`; throws `TLSError` (`.internalError`) for a
    /// group outside `groups`, which the server must never pick for TLS 1.2.
    static func generateKeyPair(group: NamedGroup) throws -> KeyExchangeKeyPair {
        guard groups.contains(group) else { throw notATLS12Group(group) }
        return try KeyExchangeKeyPair.generate(group: group)
    }

    /// The server's ServerKeyExchange: `keyPair`'s public value on `group`, signed over
    /// ClientHello.random || ServerHello.random || ServerECDHParams (RFC 8422, Section 5.4)
    /// with the scheme `TLS12SignatureSelection` picks from the client's signature_algorithms.
    ///
    /// Throws `PeerIncompatible.noSharedSignatureScheme` (handshake_failure) when no scheme
    /// fits, `TLSError` (`.internalError`) when the group is not a TLS 1.2 group, differs from
    /// the key pair's, or a random is not 32 bytes.
    static func makeServerKeyExchange(
        group: NamedGroup, keyPair: KeyExchangeKeyPair, clientRandom: [UInt8], serverRandom: [UInt8],
        signingKey: TLSSigningKey, peerSchemes: [SignatureScheme]?, allowedSchemes: [SignatureScheme]? = nil
    ) throws -> ServerKeyExchangeECDHE {
        guard groups.contains(group) else { throw notATLS12Group(group) }
        guard keyPair.group == group else {
            throw TLSError(code: .internalError, reason: "the ServerKeyExchange is for \(group) but the key pair is on \(keyPair.group)")
        }
        guard clientRandom.count == 32, serverRandom.count == 32 else {
            throw TLSError(code: .internalError, reason: "ClientHello.random and ServerHello.random must be 32 bytes each")
        }
        let scheme = try TLS12SignatureSelection.select(
            key: signingKey, peerSchemes: peerSchemes, allowed: allowedSchemes, peer: .client)
        let content = ServerKeyExchangeECDHE.signedContent(
            clientRandom: clientRandom, serverRandom: serverRandom, namedCurve: group, publicKey: keyPair.publicKeyShare)
        let signature = try signingKey.sign(scheme: scheme, content: content, version: .tls12)
        return ServerKeyExchangeECDHE(namedCurve: group, publicKey: keyPair.publicKeyShare, algorithm: scheme, signature: signature)
    }

    /// The server's premaster secret from the client's `ecdh_Yc` (RFC 8422, Section 5.10).
    /// Throws `PeerMisbehaved.illegalParameter` for a value of the wrong length, a point not
    /// on the curve, or an all-zero X25519 result.
    static func serverPreMasterSecret(keyPair: KeyExchangeKeyPair, clientPublicKey: [UInt8]) throws -> SymmetricKey {
        guard groups.contains(keyPair.group) else { throw notATLS12Group(keyPair.group) }
        return SymmetricKey(data: try keyPair.sharedSecret(peerShare: clientPublicKey))
    }

    // MARK: Client

    /// Checks the server's ServerKeyExchange and computes the client's side of the exchange.
    ///
    /// In order: the group must be one the client offered (and a TLS 1.2 group), the scheme
    /// one it offered that fits the certificate's key in TLS 1.2 (both `illegal_parameter`),
    /// and the signature over ClientHello.random || ServerHello.random || ServerECDHParams
    /// must verify (`decrypt_error`, RFC 5246, Section 7.2.2). Then a fresh key pair on the
    /// group gives the ClientKeyExchange value and the premaster secret; a malformed server
    /// point or an all-zero X25519 result is an `illegal_parameter`.
    ///
    /// - Parameters:
    ///   - leafPublicKey: the key of the server's leaf certificate.
    ///   - offeredSchemes: the ClientHello's signature_algorithms.
    ///   - offeredGroups: the ClientHello's supported_groups.
    static func verify(
        serverKeyExchange: ServerKeyExchangeECDHE, clientRandom: [UInt8], serverRandom: [UInt8],
        leafPublicKey: Certificate.PublicKey, offeredSchemes: [SignatureScheme], offeredGroups: [NamedGroup]
    ) throws -> TLS12ECDHEClientKeyShare {
        let group = serverKeyExchange.namedCurve
        guard offeredGroups.contains(group) else {
            throw PeerMisbehaved.illegalParameter(
                "the ServerKeyExchange uses group \(group), which the client did not offer (it offered \(offeredGroups))")
        }
        guard groups.contains(group) else {
            throw PeerMisbehaved.illegalParameter(
                "the ServerKeyExchange uses group \(group), which is not a TLS 1.2 ECDHE group (TLS 1.2 uses \(groups))")
        }
        let scheme = serverKeyExchange.algorithm
        guard offeredSchemes.contains(scheme) else {
            throw PeerMisbehaved.illegalParameter(
                "the ServerKeyExchange is signed with \(scheme), which the client did not offer (it offered \(offeredSchemes))")
        }
        let content = serverKeyExchange.signedContent(clientRandom: clientRandom, serverRandom: serverRandom)
        do {
            try TLSSignatureVerification.verify(
                scheme: scheme, signature: serverKeyExchange.signature, content: content, publicKey: leafPublicKey,
                version: .tls12)
        } catch PeerMisbehaved.badSignature(let text) {
            // PeerMisbehaved.badSignature speaks of CertificateVerify; name the message that failed.
            throw TLSError(
                code: .peerMisbehaved,
                reason: "the server's ServerKeyExchange signature is invalid: \(text); "
                    + "the key exchange was tampered with or the server does not hold its certificate's key",
                alert: .decryptError)
        }
        let ours = try KeyExchangeKeyPair.generate(group: group)
        let secret = try ours.sharedSecret(peerShare: serverKeyExchange.publicKey)
        return TLS12ECDHEClientKeyShare(publicKey: ours.publicKeyShare, preMasterSecret: SymmetricKey(data: secret))
    }

    private static func notATLS12Group(_ group: NamedGroup) -> TLSError {
        TLSError(
            code: .internalError,
            reason: "\(group) is not a TLS 1.2 ECDHE group; pick one of \(groups) for a TLS 1.2 handshake")
    }
}
