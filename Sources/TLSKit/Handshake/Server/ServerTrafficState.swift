import Crypto

/// The server's handshake is complete; only post-handshake messages may arrive (RFC 8446, Section 4.6).
struct ServerTrafficState {
    var parameters: CipherSuiteParameters
    var keySchedule: TLS13KeySchedule
    var clientApplicationSecret: SymmetricKey
    var serverApplicationSecret: SymmetricKey
    /// For NewSessionTickets, once the server issues them (RFC 8446, Section 4.6.1).
    var resumptionMasterSecret: SymmetricKey
    /// What tickets of this connection carry.
    var ticketContext = ServerTicketContext()
}
