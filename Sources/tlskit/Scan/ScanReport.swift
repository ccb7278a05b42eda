/// Everything `tlskit scan` found, printed as text or, with `--json`, encoded as is: the
/// property names are the stable JSON keys.
///
/// Absent optionals (`certificate`, and `http` without `--http`) are left out of the JSON.
struct ScanReport: Codable, Sendable, Hashable {
    /// `host:port` as scanned.
    var target: String
    /// The name sent as SNI and checked against the certificate.
    var serverName: String
    /// When the scan ran, `2026-12-07 23:00:00 UTC`.
    var scannedAt: String
    /// The current Mozilla guideline version (each grade names the one its profile is from).
    var mozillaGuideline: String
    /// SSL 3.0 to TLS 1.3, each with the server's answer.
    var protocols: [ProtocolSupport]
    /// The versions of `protocols` that are supported, oldest first.
    var supportedVersions: [String]
    /// Per supported version, newest first.
    var cipherSuites: [SuiteListing]
    var groups: VersionedNames
    var signatureAlgorithms: VersionedNames
    /// ALPN with h2 and http/1.1 offered.
    var alpn: ScanFinding
    var features: SecurityFeatures
    var resumption: ResumptionFindings
    /// Nil when no chain could be obtained.
    var certificate: CertificateReport?
    /// Modern, intermediate, old.
    var grades: [ProfileGrade]
    /// Probes that failed in a way worth knowing (timeouts, unreadable replies).
    var notes: [String]
    /// With `--http`: the plain HTTP redirect, Strict-Transport-Security and mixed content.
    var http: HTTPSHygieneReport? = nil
}
