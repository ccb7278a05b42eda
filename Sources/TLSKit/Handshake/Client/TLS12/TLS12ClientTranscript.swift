import NIOCore

/// The TLS 1.2 handshake messages so far (RFC 5246, Section 7.4.9): hashed with the suite's
/// PRF hash for the extended master secret and Finished, and, in a full handshake, also kept
/// whole until the client knows whether it signs them in a CertificateVerify (Section
/// 7.4.8), which needs the messages themselves rather than a hash.
struct TLS12ClientTranscript {
    private var hash: TranscriptHash
    /// The messages, headers included; nil once they are no longer needed.
    private(set) var messages: ByteBuffer?

    /// Starts from our ClientHello, encoded again exactly as it was sent.
    init(clientHello: ClientHello, hash algorithm: TLSHashAlgorithm, keepMessages: Bool) {
        hash = TranscriptHash()
        hash.choose(algorithm)
        let encoded = HandshakeMessage.clientHello(clientHello).encoded
        hash.append(encoded)
        messages = keepMessages ? encoded : nil
    }

    /// Adds one whole handshake message, header included.
    mutating func append(_ message: ByteBuffer) {
        hash.append(message)
        if var kept = messages {
            messages = nil
            kept.writeImmutableBuffer(message)
            messages = kept
        }
    }

    /// Stops keeping the messages (the hash goes on).
    mutating func dropMessages() {
        messages = nil
    }

    /// The hash of everything appended so far.
    var currentHash: [UInt8] { hash.currentHash() }
}
