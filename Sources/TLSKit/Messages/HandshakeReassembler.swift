import NIOCore

/// Joins handshake-record fragments into whole messages (RFC 8446, Section 5.1: a message may
/// span records, and several messages may share one record).
///
/// Call `nextMessage()` after every `append(_:)` until it returns `nil`: a header announcing
/// a body larger than `maximumMessageSize` (`maximumCertificateMessageSize` for a
/// Certificate) is rejected as soon as its 4 bytes are in, before any more of the body is
/// buffered.
struct HandshakeReassembler: Sendable {
    let maximumMessageSize: Int
    let maximumCertificateMessageSize: Int
    private var buffer = ByteBuffer()

    static let headerLength = 4

    /// `maximumCertificateMessageSize` nil: the same bound as every other message.
    init(maximumMessageSize: Int, maximumCertificateMessageSize: Int? = nil) {
        self.maximumMessageSize = maximumMessageSize
        self.maximumCertificateMessageSize = maximumCertificateMessageSize ?? maximumMessageSize
    }

    mutating func append(_ fragment: ByteBuffer) {
        if buffer.readableBytes == 0 {
            // Start afresh so the storage of earlier messages can be released.
            buffer = fragment
        } else {
            var fragment = fragment
            buffer.writeBuffer(&fragment)
        }
    }

    /// The next complete message: its type, its body (a slice) and its raw bytes, header
    /// included (for the transcript). `nil` until a whole message is buffered.
    mutating func nextMessage() throws -> (type: HandshakeType, body: ByteBuffer, raw: ByteBuffer)? {
        guard let typeByte = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self),
            let high = buffer.getInteger(at: buffer.readerIndex + 1, as: UInt8.self),
            let low = buffer.getInteger(at: buffer.readerIndex + 2, as: UInt16.self)
        else { return nil }
        let length = Int(high) << 16 | Int(low)
        let type = HandshakeType(rawValue: typeByte)
        let (limit, setting) = type == .certificate
            ? (maximumCertificateMessageSize, "maximumCertificateMessageSize")
            : (maximumMessageSize, "maximumHandshakeMessageSize")
        guard length <= limit else {
            throw TLSResourceLimits.exceeded(
                "the peer sent a \(type) message of \(length) bytes; at most \(limit) are accepted", setting: setting,
                alert: .decodeError)
        }
        guard let raw = buffer.readSlice(length: Self.headerLength + length) else { return nil }
        let body = raw.getSlice(at: raw.readerIndex + Self.headerLength, length: length) ?? ByteBuffer()
        if buffer.readableBytes == 0 {
            buffer = ByteBuffer()
        }
        return (type, body, raw)
    }

    /// No partial message is buffered (checked when keys change, RFC 8446, Section 5.1).
    var isEmpty: Bool { buffer.readableBytes == 0 }
}
