/// How the record layer treats what the peer sends, set by the handshake's key events
/// (RFC 8446, Section 5).
enum RecordReadMode: Sendable {
    /// No read keys yet: records come up as sent.
    case plaintext
    /// Records are opened with `protection`. `plaintextAlertsAllowed` holds from the first
    /// read keys until the first record opens: a peer that fails before it has switched its
    /// own write keys (a client rejecting the server's certificate, say) sends its alert in
    /// plaintext; OpenSSL accepts these the same way.
    case protected(RecordProtection, plaintextAlertsAllowed: Bool)
    /// The server rejected the client's 0-RTT data (RFC 8446, Section 4.2.10): records that do
    /// not open with `protection`, or application_data records while there is none yet
    /// (after a HelloRetryRequest), are skipped, up to `budget` more bytes. It ends at the
    /// first record that opens, or after a HelloRetryRequest at the second ClientHello. Skipping happens only before the client's first protected
    /// record, so plaintext alerts are still accepted.
    case skippingRejectedEarlyData(RecordProtection?, budget: Int)

    /// The keys records are opened with, if any.
    var protection: RecordProtection? {
        switch self {
        case .plaintext: nil
        case .protected(let protection, _): protection
        case .skippingRejectedEarlyData(let protection, _): protection
        }
    }

    /// Opens records with `protection` from now on (`HandshakeEvent.changeReadKeys`).
    mutating func changeKeys(to protection: RecordProtection) {
        switch self {
        case .plaintext: self = .protected(protection, plaintextAlertsAllowed: protection.allowsPlaintextAlerts)
        case .protected(_, let allowed): self = .protected(protection, plaintextAlertsAllowed: allowed)
        case .skippingRejectedEarlyData(_, let budget): self = .skippingRejectedEarlyData(protection, budget: budget)
        }
    }

    /// Starts skipping rejected early data, at most `limit` bytes of it.
    mutating func skipRejectedEarlyData(limit: Int) {
        self = .skippingRejectedEarlyData(protection, budget: max(0, limit))
    }
}
