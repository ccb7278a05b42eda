/// What a scan found about the server's certificate chain (RFC 5280; RFC 8446, Section 4.4.2).
struct CertificateReport: Codable, Sendable, Hashable {
    /// Where the chain came from: `TLS 1.0 Certificate message`, `TLSKit TLS 1.3 handshake`.
    var source: String
    /// As sent, leaf first.
    var chain: [CertificateSummary]
    /// Whether TLSKit's DefaultCertificateVerifier accepts it for the server name.
    var trusted: Bool
    /// `trusted` or the verifier's reason ("certificate for localhost expired on ...").
    var trustDetail: String
    /// Whether the leaf's subject alternative names cover the server name (no CN fallback).
    var nameMatches: Bool
    var expired: Bool
    var notYetValid: Bool
    /// Whole days until the leaf's notAfter; negative once expired.
    var daysLeft: Int
    var selfSigned: Bool
    /// `RSA`, `ECDSA`, `Ed25519`, ...
    var keyType: String
    var keyBits: Int?
    /// `P-256`, `P-384`, `P-521` for an ECDSA key.
    var curve: String?
    /// Whole days from notBefore to notAfter.
    var lifespanDays: Int
    /// Whether the key is too small: RSA or DSA below 2048 bits, ECDSA below 256.
    var weakKey: Bool
    var signatureAlgorithm: String
    /// Whether each certificate was issued by the next one (RFC 8446, Section 4.4.2 wants
    /// that order; TLS 1.2 requires it, RFC 5246, Section 7.4.2).
    var chainInOrder: Bool
    /// Whether the chain leads to a trust anchor; nil when that cannot be told (an untrusted
    /// chain that does not end in a self-signed certificate).
    var chainComplete: Bool?
    /// The problems in words: "expired on 2024-01-01 00:00:00 UTC", "RSA 1024 bits is weak".
    var findings: [String]
}
