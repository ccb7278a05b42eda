/// One certificate of the chain as the server sent it.
struct CertificateSummary: Codable, Sendable, Hashable {
    var subject: String
    var issuer: String
    /// `2026-01-31 12:00:00 UTC`.
    var notBefore: String
    var notAfter: String
    /// `RSA 2048`, `ECDSA P-256`, ...
    var key: String
    var signatureAlgorithm: String
    var subjectAlternativeNames: [String]
}
