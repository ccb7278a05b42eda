/// Protocol features that protect the handshake, each as a `ScanFinding`.
struct SecurityFeatures: Codable, Sendable, Hashable {
    /// extended_master_secret in the ServerHello (RFC 7627, Section 5.1).
    var extendedMasterSecret: ScanFinding
    /// renegotiation_info in the ServerHello (RFC 5746, Section 3.6).
    var secureRenegotiation: ScanFinding
    /// inappropriate_fallback for a lower-version hello with TLS_FALLBACK_SCSV (RFC 7507, Section 3).
    var fallbackSCSV: ScanFinding
    /// The TLS 1.3 downgrade sentinel in ServerHello.random (RFC 8446, Section 4.1.3).
    var downgradeSentinel: ScanFinding
    /// A stapled OCSP response (status_request, RFC 6066, Section 8; RFC 8446, Section 4.4.2.1).
    var ocspStapling: ScanFinding
}
