import NIOCore

/// RFC 8446, Section 4.6.1.
public struct NewSessionTicket: Hashable, Sendable {
    /// Seconds; at most 604800 (checked by the session layer).
    public var ticketLifetime: UInt32
    public var ticketAgeAdd: UInt32
    /// `ticket_nonce<0..255>`.
    public var ticketNonce: [UInt8]
    /// `ticket<1..2^16-1>`.
    public var ticket: [UInt8]
    /// `extensions<0..2^16-2>`; `early_data` carries `max_early_data_size` here.
    public var extensions: [TLSExtension]

    public init(
        ticketLifetime: UInt32, ticketAgeAdd: UInt32, ticketNonce: [UInt8], ticket: [UInt8],
        extensions: [TLSExtension] = []
    ) {
        self.ticketLifetime = ticketLifetime
        self.ticketAgeAdd = ticketAgeAdd
        self.ticketNonce = ticketNonce
        self.ticket = ticket
        self.extensions = extensions
    }

    func encodeBody(into buffer: inout ByteBuffer) {
        buffer.writeInteger(ticketLifetime)
        buffer.writeInteger(ticketAgeAdd)
        buffer.writeTLSVector8 { $0.writeBytes(ticketNonce) }
        buffer.writeTLSVector16 { $0.writeBytes(ticket) }
        TLSExtension.encodeBlock(extensions, into: &buffer)
    }

    static func decodeBody(_ buffer: inout ByteBuffer) throws -> NewSessionTicket {
        let lifetime = try buffer.readTLSUInt32()
        let ageAdd = try buffer.readTLSUInt32()
        let nonce = try buffer.readTLSVectorBytes("ticket_nonce", lengthBytes: 1, allowed: 0...255)
        let ticket = try buffer.readTLSVectorBytes("ticket", lengthBytes: 2, allowed: 1...0xFFFF)
        let extensions = try TLSExtension.decodeBlock(&buffer, context: .newSessionTicket)
        return NewSessionTicket(
            ticketLifetime: lifetime, ticketAgeAdd: ageAdd, ticketNonce: nonce, ticket: ticket,
            extensions: extensions)
    }
}
