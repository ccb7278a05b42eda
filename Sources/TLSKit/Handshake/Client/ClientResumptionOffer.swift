/// The session a ClientHello offers in pre_shared_key (RFC 8446, Section 4.2.11), and what
/// the client derived from it.
struct ClientResumptionOffer {
    var session: ClientSession
    /// The parameters of the session's cipher suite (its hash is the PSK's hash).
    var parameters: CipherSuiteParameters
    /// The key schedule started from the session's PSK: binder key, early secrets.
    var keySchedule: TLS13KeySchedule
    /// The session's ticket_age_add, which obfuscates the ticket age (Section 4.2.11.1).
    var ticketAgeAdd: UInt32
    /// Whether this ClientHello carries early_data (never the one after a HelloRetryRequest).
    var earlyDataOffered: Bool
}
