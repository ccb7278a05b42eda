/// What the server puts into the tickets of a connection (RFC 8446, Section 4.6.1), kept
/// once the handshake is complete.
struct ServerTicketContext {
    var applicationProtocol: String?
    var serverName: String?
    /// The client's certificates (from this handshake or, when resumed, from the ticket).
    var peerCertificates: [[UInt8]] = []
    /// Whether the client offered a PSK mode we accept; without one no ticket is sent
    /// (Section 4.2.9).
    var clientAcceptsTickets = false
    /// Tickets sent so far; the next ticket_nonce.
    var ticketsIssued: UInt64 = 0
}
