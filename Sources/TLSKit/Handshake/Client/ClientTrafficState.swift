import Crypto

/// The handshake is complete; only post-handshake messages may arrive (RFC 8446, Section 4.6).
struct ClientTrafficState {
    var parameters: CipherSuiteParameters
    var keySchedule: TLS13KeySchedule
    var clientApplicationSecret: SymmetricKey
    var serverApplicationSecret: SymmetricKey
    var resumptionMasterSecret: SymmetricKey
    /// Where NewSessionTickets are filed; nil: tickets are ignored.
    var ticketContext: ClientTicketContext? = nil
    /// Tickets filed so far (bounded by `ClientHandshake.maximumTicketsStored`).
    var ticketsStored: UInt64 = 0
}
