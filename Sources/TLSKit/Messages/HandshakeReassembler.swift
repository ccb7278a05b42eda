import NIOCore

/// Joins handshake-record fragments into whole messages (RFC 8446, Section 5.1: a message may
/// span records, and several messages may share one record).
///
/// Call `nextMessage()` after every `append(_:)` until it returns `nil`: a header announcing
/// a body larger than `maximumMessageSize` is rejected as soon as its 4 bytes are in, before
/// any more of the body is buffered.
struct HandshakeReassembler: Sendable {
    let maximumMessageSize: Int
    private var buffer = ByteBuffer()

    static let headerLength = 4

    init(maximumMessageSize: Int) {
        self.maximumMessageSize = maximumMessageSize
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
        guard length <= maximumMessageSize else {
            throw DecodeError.lengthOutOfRange("handshake message", length)
        }
        guard let raw = buffer.readSlice(length: Self.headerLength + length) else { return nil }
        let body = raw.getSlice(at: raw.readerIndex + Self.headerLength, length: length) ?? ByteBuffer()
        if buffer.readableBytes == 0 {
            buffer = ByteBuffer()
        }
        return (HandshakeType(rawValue: typeByte), body, raw)
    }

    /// No partial message is buffered (checked when keys change, RFC 8446, Section 5.1).
    var isEmpty: Bool { buffer.readableBytes == 0 }
}
