/// The cipher suites a server accepts at one protocol version, in the order it chose them,
/// and whether it enforces its own preference.
struct SuiteListing: Codable, Sendable, Hashable {
    var version: String
    /// IANA names (CipherSuiteCatalog).
    var suites: [String]
    /// True when the server picked the same suite whichever order two accepted suites were
    /// offered in; nil when fewer than two suites were accepted.
    var serverEnforcesOrder: Bool?
}
