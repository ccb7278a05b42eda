import Crypto

/// The TLS 1.2 session a ClientHello offers: its session ID in legacy_session_id and its
/// ticket, if any, in session_ticket (RFC 5246, Section 7.4.1.2; RFC 5077, Section 3.4).
struct TLS12ClientResumptionOffer {
    let session: ClientSession
    let masterSecret: SymmetricKey
    let extendedMasterSecret: Bool
    /// The session ID sent: the session's, or for a ticket-only session a fresh random one
    /// that the server echoes when it accepts the ticket (RFC 5077, Section 3.4).
    let sentSessionID: [UInt8]
    /// The session ID the session is known by (empty for a ticket-only session).
    let sessionID: [UInt8]
}
