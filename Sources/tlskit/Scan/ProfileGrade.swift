/// The verdict for one Mozilla Server Side TLS configuration: passed when nothing deviates.
struct ProfileGrade: Codable, Sendable, Hashable {
    /// `modern`, `intermediate` or `old`.
    var profile: String
    /// The Mozilla guideline version of the profile (`6.0`; `5.7` for old).
    var guideline: String
    var passed: Bool
    /// Each way the server differs from the profile: "offers TLS 1.0",
    /// "offers TLS_RSA_WITH_AES_128_CBC_SHA", "certificate RSA 1024 bits, profile wants 2048".
    var deviations: [String]
}
