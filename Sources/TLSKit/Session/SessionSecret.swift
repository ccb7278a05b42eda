import Crypto

/// What a session resumes with, per version; shared by the client's `ClientSession` and the
/// server's `ServerSessionState`.
enum SessionSecret: Sendable {
    /// RFC 8446, Section 4.6.1: the resumption PSK,
    /// HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce, Hash.length);
    /// the ticket_age_add that obfuscates the ticket age; and the ticket's
    /// max_early_data_size (0: no 0-RTT).
    case tls13(resumptionPSK: SymmetricKey, ticketAgeAdd: UInt32, maxEarlyDataSize: UInt32)
    /// RFC 5246, Section 7.4.1.2 and RFC 5077: the 48-byte master secret, whether it is the
    /// extended master secret of RFC 7627 (a resumption must match, Section 5.3), and the
    /// session ID the server gave it (empty when it sent none; a client then resumes only
    /// with the ticket).
    case tls12(masterSecret: SymmetricKey, extendedMasterSecret: Bool, sessionID: [UInt8])

    /// The version the session was established with.
    var version: ProtocolVersion {
        switch self {
        case .tls13: .tls13
        case .tls12: .tls12
        }
    }

    /// The most 0-RTT data the session allows; 0 when it allows none (always, in TLS 1.2).
    var maxEarlyDataSize: UInt32 {
        switch self {
        case .tls13(_, _, let maxEarlyDataSize): maxEarlyDataSize
        case .tls12: 0
        }
    }
}
