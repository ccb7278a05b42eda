/// Session resumption, tested with TLSKit's own client (RFC 8446, Section 2.2 and 4.6.1;
/// RFC 5077; RFC 5246, Section 7.3).
struct ResumptionFindings: Codable, Sendable, Hashable {
    /// A TLS 1.3 ticket was issued and a PSK handshake with it was accepted.
    var tls13Tickets: ScanFinding
    /// The ticket's early_data extension allows 0-RTT (max_early_data_size, Section 4.6.1).
    var earlyData: ScanFinding
    /// A TLS 1.2 session (session ID or RFC 5077 ticket) was resumed.
    var tls12: ScanFinding
}
