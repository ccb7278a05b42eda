import NIOCore

/// The TLS 1.2 HelloRequest (RFC 5246, Section 7.4.1.1): `struct { } HelloRequest;`, a
/// server's request to renegotiate, which a client may ignore (or answer with a
/// no_renegotiation warning).
public struct HelloRequest: Hashable, Sendable {
    func encodeBody(into buffer: inout ByteBuffer) {}

    /// Any byte in the body is a `decode_error`.
    static func decodeBody(_ buffer: inout ByteBuffer) throws -> HelloRequest {
        try buffer.expectFullyRead("HelloRequest")
        return HelloRequest()
    }
}
