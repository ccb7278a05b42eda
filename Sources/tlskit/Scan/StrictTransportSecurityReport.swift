/// The Strict-Transport-Security part of the hygiene report (RFC 6797), judged against
/// Mozilla's recommendation (max-age of two years) and the preload list's requirements.
///
/// JSON keys: `present`, `headerCount`, `value`, `valid`, `error`, `maxAge`,
/// `atLeastSixMonths`, `atLeastOneYear`, `atLeastTwoYears`, `includeSubDomains`, `preload`,
/// `preloadEligible` (null when not applicable).
struct StrictTransportSecurityReport: Codable, Hashable, Sendable {
    /// The HTTPS response carried the header at all.
    var present = false
    /// How many Strict-Transport-Security fields came; browsers use only the first (RFC 6797,
    /// Section 8.1).
    var headerCount = 0
    /// The first field's value, as sent.
    var value: String?
    var valid = false
    /// Why the value is invalid (browsers then ignore it), if it is.
    var error: String?
    var maxAge: Int?
    var atLeastSixMonths = false
    var atLeastOneYear = false
    /// Mozilla's recommendation, 63072000 seconds.
    var atLeastTwoYears = false
    var includeSubDomains = false
    var preload = false
    /// max-age of at least a year, includeSubDomains and preload (https://hstspreload.org).
    var preloadEligible = false

    /// The report for the Strict-Transport-Security fields of an HTTPS response.
    static func evaluate(_ values: [String]) -> StrictTransportSecurityReport {
        var report = StrictTransportSecurityReport()
        report.headerCount = values.count
        guard let first = values.first else { return report }
        report.present = true
        report.value = String(first.prefix(StrictTransportSecurityPolicy.maximumLength))
        do throws(StrictTransportSecurityError) {
            let policy = try StrictTransportSecurityPolicy.parse(first)
            report.valid = true
            report.maxAge = policy.maxAge
            report.atLeastSixMonths = policy.maxAge >= StrictTransportSecurityPolicy.sixMonths
            report.atLeastOneYear = policy.maxAge >= StrictTransportSecurityPolicy.oneYear
            report.atLeastTwoYears = policy.maxAge >= StrictTransportSecurityPolicy.twoYears
            report.includeSubDomains = policy.includeSubDomains
            report.preload = policy.preload
            report.preloadEligible = policy.isPreloadEligible
        } catch {
            report.error = error.message
        }
        return report
    }
    /// Every key is written, absent values as null, so `--json` output always has the same keys.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.present, forKey: .present)
        try container.encode(self.headerCount, forKey: .headerCount)
        try container.encode(self.value, forKey: .value)
        try container.encode(self.valid, forKey: .valid)
        try container.encode(self.error, forKey: .error)
        try container.encode(self.maxAge, forKey: .maxAge)
        try container.encode(self.atLeastSixMonths, forKey: .atLeastSixMonths)
        try container.encode(self.atLeastOneYear, forKey: .atLeastOneYear)
        try container.encode(self.atLeastTwoYears, forKey: .atLeastTwoYears)
        try container.encode(self.includeSubDomains, forKey: .includeSubDomains)
        try container.encode(self.preload, forKey: .preload)
        try container.encode(self.preloadEligible, forKey: .preloadEligible)
    }
}
