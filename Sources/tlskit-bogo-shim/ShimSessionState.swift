import TLSKit

/// What the connections of one shim run share, so that the second and later connections
/// (`-resume-count`) can resume the first one's session (RFC 8446, Section 2.2).
struct ShimSessionState {
    /// Client: tickets and TLS 1.2 sessions received.
    let clientSessions = ShimClientSessionCache()
    /// Server: the keys that seal tickets.
    let ticketKeys: any TicketKeyProvider = RotatingTicketKeyProvider()
    /// Server: TLS 1.2 sessions resumable by session ID.
    let tls12Sessions = TLS12SessionCache()
    /// What the first connection negotiated, and the verdict on the peer's chain.
    let first = ShimFirstHandshake()
}
