import NIOCore

/// RFC 8446, Section 4.4.4. The body is `verify_data`, whose length (the hash length) the
/// state machine checks.
public struct Finished: Hashable, Sendable {
    public var verifyData: [UInt8]

    public init(verifyData: [UInt8]) {
        self.verifyData = verifyData
    }

    func encodeBody(into buffer: inout ByteBuffer) {
        buffer.writeBytes(verifyData)
    }

    /// verify_data is `length` bytes (RFC 8446, Section 4.4.4: the hash's length; RFC 5246,
    /// Section 7.4.9: 12); another length is a decode_error. The length is no secret.
    func checkLength(_ length: Int) throws {
        guard verifyData.count == length else {
            throw DecodeError.lengthOutOfRange("Finished verify_data (expected \(length))", verifyData.count)
        }
    }

    static func decodeBody(_ buffer: inout ByteBuffer) throws -> Finished {
        let data = try buffer.readTLSBytes(count: buffer.readableBytes, "verify_data")
        return Finished(verifyData: data)
    }
}
