/// Chooses the scheme of a TLS 1.2 signature: the server's for its ServerKeyExchange (from
/// the ClientHello's signature_algorithms), a client's for its CertificateVerify (from the
/// CertificateRequest's supported_signature_algorithms).
///
/// The signer's order decides (RFC 5246, Section 7.4.1.4.1 lets the peer's list be read as a
/// set): the first scheme of the key's TLS 1.2 list (`TLSSigningKey.supportedSchemes(for:)`),
/// kept to the configured schemes when given, that the peer offers.
enum TLS12SignatureSelection {
    /// The scheme to sign with.
    ///
    /// - Parameters:
    ///   - key: the signer's private key.
    ///   - peerSchemes: the peer's list, or nil when a ClientHello had no signature_algorithms
    ///     extension. A CertificateRequest always carries its list.
    ///   - allowed: the configured schemes (`signatureSchemes` of the configuration), or nil
    ///     for every scheme the key supports in TLS 1.2.
    ///   - peer: the role of the peer, to word the errors.
    /// - Throws: `PeerIncompatible.noSharedSignatureScheme` (handshake_failure) when nothing
    ///   fits, naming both lists; and when `peerSchemes` is nil, because RFC 5246, Section
    ///   7.4.1.4.1 then allows only SHA-1 with the key's algorithm (`{sha1, rsa}` or
    ///   `{sha1, ecdsa}`, RFC 8422, Section 5.1.1), which TLSKit refuses, and Ed25519 needs
    ///   the extension (RFC 8422, Section 5.1.3).
    static func select(
        key: TLSSigningKey, peerSchemes: [SignatureScheme]?, allowed: [SignatureScheme]? = nil, peer: TLSRole = .client
    ) throws -> SignatureScheme {
        var ours = key.supportedSchemes(for: .tls12)
        if let allowed { ours.removeAll { !allowed.contains($0) } }
        guard let peerSchemes else {
            throw PeerIncompatible.noSharedSignatureScheme(defaultsRefused(key: key, peer: peer))
        }
        guard let scheme = ours.first(where: peerSchemes.contains) else {
            throw PeerIncompatible.noSharedSignatureScheme(
                "the \(peer) accepts \(peerSchemes), this key can sign in TLS 1.2 with \(ours)")
        }
        return scheme
    }

    /// The reason for a peer that sent no signature_algorithms.
    private static func defaultsRefused(key: TLSSigningKey, peer: TLSRole) -> String {
        let sent = "the \(peer) sent no signature_algorithms extension"
        switch key.backing {
        case .rsa:
            return "\(sent), so RFC 5246, Section 7.4.1.4.1 leaves only \(SignatureScheme.rsaPKCS1SHA1) for an RSA key, "
                + "and TLSKit does not sign with SHA-1; the \(peer) must send signature_algorithms"
        case .p256, .p384:
            return "\(sent), so RFC 5246, Section 7.4.1.4.1 leaves only \(SignatureScheme.ecdsaSHA1) for an ECDSA key, "
                + "and TLSKit does not sign with SHA-1; the \(peer) must send signature_algorithms"
        case .ed25519:
            return "\(sent), which an Ed25519 key needs (RFC 8422, Section 5.1.3); the \(peer) must send signature_algorithms"
        }
    }
}
