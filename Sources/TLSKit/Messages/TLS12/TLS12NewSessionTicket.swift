import NIOCore

/// The TLS 1.2 NewSessionTicket (RFC 5077, Section 3.3):
/// `struct { uint32 ticket_lifetime_hint; opaque ticket<0..2^16-1>; } NewSessionTicket;`.
/// An empty ticket says the server issues none after all.
public struct TLS12NewSessionTicket: Hashable, Sendable {
    /// Seconds; 0 means unspecified.
    public var ticketLifetimeHint: UInt32
    /// `ticket<0..2^16-1>`, opaque to the client.
    public var ticket: [UInt8]

    public init(ticketLifetimeHint: UInt32, ticket: [UInt8]) {
        self.ticketLifetimeHint = ticketLifetimeHint
        self.ticket = ticket
    }

    func encodeBody(into buffer: inout ByteBuffer) {
        buffer.writeInteger(ticketLifetimeHint)
        buffer.writeTLSVector16 { $0.writeBytes(ticket) }
    }

    /// Decodes the whole body; a short body or trailing bytes are a `decode_error`.
    static func decodeBody(_ buffer: inout ByteBuffer) throws -> TLS12NewSessionTicket {
        let hint = try buffer.readTLSUInt32()
        let ticket = try buffer.readTLSVectorBytes("ticket", lengthBytes: 2, allowed: 0...0xFFFF)
        try buffer.expectFullyRead("NewSessionTicket")
        return TLS12NewSessionTicket(ticketLifetimeHint: hint, ticket: ticket)
    }
}
