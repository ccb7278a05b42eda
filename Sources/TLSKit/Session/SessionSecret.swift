import Crypto

/// What a session resumes with, per version; shared by the client's `ClientSession` and the
/// server's `ServerSessionState`. TLS 1.2's (master secret, extended master secret, session
/// ID) is a case to come.
enum SessionSecret: Sendable {
    /// RFC 8446, Section 4.6.1: the resumption PSK,
    /// HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce, Hash.length);
    /// the ticket_age_add that obfuscates the ticket age; and the ticket's
    /// max_early_data_size (0: no 0-RTT).
    case tls13(resumptionPSK: SymmetricKey, ticketAgeAdd: UInt32, maxEarlyDataSize: UInt32)

    /// The version the session was established with.
    var version: ProtocolVersion {
        switch self {
        case .tls13: .tls13
        }
    }

    /// The most 0-RTT data the session allows; 0 when it allows none.
    var maxEarlyDataSize: UInt32 {
        switch self {
        case .tls13(_, _, let maxEarlyDataSize): maxEarlyDataSize
        }
    }
}
