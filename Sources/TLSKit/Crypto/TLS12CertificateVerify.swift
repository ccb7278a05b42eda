import NIOCore

/// The client's CertificateVerify in TLS 1.2 (RFC 5246, Section 7.4.8):
///
/// ```
/// struct { digitally-signed struct { opaque handshake_messages[handshake_messages_length]; } } CertificateVerify;
/// ```
///
/// Unlike TLS 1.3 there is no context string and no transcript hash: the signature is over
/// `handshake_messages` itself, every handshake message from the ClientHello up to (not
/// including) the CertificateVerify, headers included. Signing hashes them with the scheme's
/// hash (Ed25519 signs them whole), so the caller passes the buffered bytes. `TranscriptHash`
/// cannot give them back once its hash is chosen (at ServerHello), so a handshake that
/// requests or sends a client certificate keeps its own copy of the messages next to it.
///
/// The body is the same `SignatureAndHashAlgorithm` + `signature<0..2^16-1>` as TLS 1.3's,
/// so the message is `CertificateVerify`.
enum TLS12CertificateVerify {
    /// The client's CertificateVerify over `handshakeMessages` with `scheme` (chosen with
    /// `TLS12SignatureSelection` from the CertificateRequest). Throws `TLSError`
    /// (`.configuration`) when the scheme does not fit the key in TLS 1.2.
    static func sign(handshakeMessages: [UInt8], key: TLSSigningKey, scheme: SignatureScheme) throws -> CertificateVerify {
        CertificateVerify(algorithm: scheme, signature: try key.sign(scheme: scheme, content: handshakeMessages, version: .tls12))
    }

    /// `sign(handshakeMessages:key:scheme:)` over the readable bytes of a buffer.
    static func sign(handshakeMessages: ByteBuffer, key: TLSSigningKey, scheme: SignatureScheme) throws -> CertificateVerify {
        try sign(handshakeMessages: Array(handshakeMessages.readableBytesView), key: key, scheme: scheme)
    }

    /// The server's check of the client's CertificateVerify: the scheme must be one of the
    /// CertificateRequest's `supported_signature_algorithms` (RFC 5246, Section 7.4.8) and fit
    /// the certificate's key in TLS 1.2 (`illegal_parameter`), and the signature must verify
    /// over `handshakeMessages` (`decrypt_error`). A CertificateVerify after an empty
    /// Certificate is an `unexpected_message`; a leaf that does not parse a `decode_error`.
    static func verify(
        _ message: CertificateVerify, handshakeMessages: [UInt8], offered: [SignatureScheme], clientCertificates: [[UInt8]]
    ) throws {
        guard offered.contains(message.algorithm) else {
            throw PeerMisbehaved.illegalParameter(
                "the client signed its CertificateVerify with \(message.algorithm), which the CertificateRequest did not offer (it offered \(offered))")
        }
        guard let leaf = clientCertificates.first else {
            throw PeerMisbehaved.unexpectedMessage("CertificateVerify without a client certificate")
        }
        try TLSSignatureVerification.verify(
            scheme: message.algorithm, signature: message.signature, content: handshakeMessages, leafCertificateDER: leaf,
            version: .tls12)
    }

    /// `verify(_:handshakeMessages:offered:clientCertificates:)` over the readable bytes of a buffer.
    static func verify(
        _ message: CertificateVerify, handshakeMessages: ByteBuffer, offered: [SignatureScheme], clientCertificates: [[UInt8]]
    ) throws {
        try verify(
            message, handshakeMessages: Array(handshakeMessages.readableBytesView), offered: offered,
            clientCertificates: clientCertificates)
    }
}
