/// What the client files a received NewSessionTicket with (RFC 8446, Section 4.6.1), kept
/// once the handshake is complete.
struct ClientTicketContext {
    var cacheKey: ClientSessionKey
    var serverName: String?
    var applicationProtocol: String?
    /// The server's certificates (from this handshake or, when resumed, from the session).
    var peerCertificates: [[UInt8]]
}
