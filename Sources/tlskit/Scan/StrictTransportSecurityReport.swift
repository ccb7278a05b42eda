/// The Strict-Transport-Security part of the hygiene report (RFC 6797), judged against
/// Mozilla's recommendation (max-age of two years) and the preload list's requirements.
///
/// JSON keys: `present`, `headerCount`, `value`, `valid`, `error`, `maxAge`,
/// `atLeastSixMonths`, `atLeastOneYear`, `atLeastTwoYears`, `includeSubDomains`, `preload`,
/// `preloadEligible` (absent when not applicable).
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
}
