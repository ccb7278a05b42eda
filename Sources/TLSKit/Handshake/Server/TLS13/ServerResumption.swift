import Crypto

/// A PSK the server accepted from the ClientHello (RFC 8446, Section 4.2.11): the session it
/// resumes and how.
struct ServerResumption {
    /// The index of the identity in the client's pre_shared_key, echoed in ServerHello.
    var identityIndex: UInt16
    var session: ServerSessionState
    /// The key schedule started from the session's PSK.
    var keySchedule: TLS13KeySchedule
    /// `.pskDHEKE` or `.pskKE` (Section 4.2.9).
    var mode: PSKKeyExchangeMode
    /// Whether the client's 0-RTT data is accepted (Section 4.2.10).
    var acceptsEarlyData: Bool
}
