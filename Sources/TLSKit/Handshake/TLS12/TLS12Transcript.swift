import NIOCore

/// The TLS 1.2 handshake messages so far, for either role (RFC 5246, Section 7.4.9): hashed
/// with the suite's PRF hash for the extended master secret and Finished, and, when a
/// CertificateVerify may come, also kept whole (Section 7.4.8: it signs the messages
/// themselves, not a hash) until it is signed or checked.
struct TLS12Transcript {
    private var hash: TranscriptHash
    /// The messages, headers included; nil when they are not (or no longer) needed.
    private(set) var messages: ByteBuffer?

    /// Starts from the ClientHello as it went over the wire, header included.
    init(clientHello: ByteBuffer, hash algorithm: TLSHashAlgorithm, keepMessages: Bool) {
        hash = TranscriptHash()
        hash.choose(algorithm)
        hash.append(clientHello)
        messages = keepMessages ? clientHello : nil
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

    /// Encodes `message` onto `flight` and adds it.
    mutating func append(_ message: HandshakeMessage, to flight: inout ByteBuffer) {
        append(message.encode(appendingTo: &flight))
    }

    /// Stops keeping the messages (the hash goes on).
    mutating func dropMessages() {
        messages = nil
    }

    /// The hash of everything appended so far.
    var currentHash: [UInt8] { hash.currentHash() }
}
