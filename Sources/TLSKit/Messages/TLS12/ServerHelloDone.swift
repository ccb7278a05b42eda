import NIOCore

/// The TLS 1.2 ServerHelloDone (RFC 5246, Section 7.4.5): `struct { } ServerHelloDone;`.
public struct ServerHelloDone: Hashable, Sendable {
    func encodeBody(into buffer: inout ByteBuffer) {}

    /// Any byte in the body is a `decode_error`.
    static func decodeBody(_ buffer: inout ByteBuffer) throws -> ServerHelloDone {
        try buffer.expectFullyRead("ServerHelloDone")
        return ServerHelloDone()
    }
}
