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

    static func decodeBody(_ buffer: inout ByteBuffer) throws -> Finished {
        let data = try buffer.readTLSBytes(count: buffer.readableBytes, "verify_data")
        return Finished(verifyData: data)
    }
}
