import Testing

@testable import tlskit

/// The Strict-Transport-Security parser (RFC 6797, Section 6.1) and its report.
@Suite struct StrictTransportSecurityPolicyTests {
    @Test func parsesTheRecommendedHeader() throws {
        let policy = try StrictTransportSecurityPolicy.parse("max-age=63072000; includeSubDomains; preload")
        #expect(policy == StrictTransportSecurityPolicy(maxAge: 63_072_000, includeSubDomains: true, preload: true))
        #expect(policy.isPreloadEligible)
    }

    @Test func directiveNamesAreCaseInsensitiveAndValuesMayBeQuoted() throws {
        let policy = try StrictTransportSecurityPolicy.parse("  MAX-AGE = \"31536000\" ;INCLUDESUBDOMAINS;Preload  ")
        #expect(policy == StrictTransportSecurityPolicy(maxAge: 31_536_000, includeSubDomains: true, preload: true))
        #expect(try StrictTransportSecurityPolicy.parse(#"max-age="1\2""#).maxAge == 12)
    }

    @Test func unknownDirectivesAndEmptyOnesAreIgnored() throws {
        let policy = try StrictTransportSecurityPolicy.parse(";; max-age=300; report-uri=\"https://r.example/;x\"; future ;")
        #expect(policy == StrictTransportSecurityPolicy(maxAge: 300, includeSubDomains: false, preload: false))
        #expect(!policy.isPreloadEligible)
    }

    @Test func hugeMaxAgeIsCut() throws {
        #expect(try StrictTransportSecurityPolicy.parse("max-age=99999999999999999999999999").maxAge == StrictTransportSecurityPolicy.maximumMaxAge)
        #expect(try StrictTransportSecurityPolicy.parse("max-age=000000000000000000000010").maxAge == 10)
        #expect(try StrictTransportSecurityPolicy.parse("max-age=0").maxAge == 0)
    }

    @Test(arguments: [
        ("", "max-age directive is missing"),
        ("includeSubDomains; preload", "max-age directive is missing"),
        ("max-age=1; max-age=2", "'max-age' appears more than once"),
        ("max-age=1; includeSubDomains; IncludeSubdomains", "'includesubdomains' appears more than once"),
        ("max-age=1; preload; preload", "'preload' appears more than once"),
        ("max-age", "max-age has no value"),
        ("max-age=", "not a valid token"),
        ("max-age=-1", "not a whole number"),
        ("max-age=1.5", "not a whole number"),
        ("max-age=abc", "not a whole number"),
        ("max-age=\"12", "missing its closing"),
        ("max-age=12 34", "unexpected text"),
        ("max-age=1; includeSubDomains=yes", "includeSubDomains takes no value"),
        ("max-age=1; pre load", "unexpected text"),
        ("max-age=1, includeSubDomains", "not a valid token"),
        ("max@age=1", "not a valid directive name"),
    ])
    func invalidHeadersAreRejectedWithAReason(_ value: String, _ reason: String) {
        #expect {
            try StrictTransportSecurityPolicy.parse(value)
        } throws: { error in
            (error as? StrictTransportSecurityError)?.message.contains(reason) == true
        }
    }

    @Test func overlongHeaderIsRejected() {
        #expect(throws: StrictTransportSecurityError.self) {
            try StrictTransportSecurityPolicy.parse("max-age=1;" + String(repeating: "x;", count: 4000))
        }
    }

    @Test func reportJudgesMaxAgeThresholdsAndPreload() {
        let recommended = StrictTransportSecurityReport.evaluate(["max-age=63072000; includeSubDomains; preload"])
        #expect(recommended.present && recommended.valid && recommended.headerCount == 1)
        #expect(recommended.maxAge == 63_072_000)
        #expect(recommended.atLeastSixMonths && recommended.atLeastOneYear && recommended.atLeastTwoYears)
        #expect(recommended.includeSubDomains && recommended.preload && recommended.preloadEligible)

        let year = StrictTransportSecurityReport.evaluate(["max-age=31536000; preload"])
        #expect(year.atLeastOneYear && !year.atLeastTwoYears && year.preload && !year.preloadEligible)

        let short = StrictTransportSecurityReport.evaluate(["max-age=15767999; includeSubDomains"])
        #expect(!short.atLeastSixMonths && short.includeSubDomains && !short.preloadEligible)
        #expect(StrictTransportSecurityReport.evaluate(["max-age=15768000"]).atLeastSixMonths)

        let missing = StrictTransportSecurityReport.evaluate([])
        #expect(!missing.present && !missing.valid && missing.maxAge == nil && missing.headerCount == 0)

        let invalid = StrictTransportSecurityReport.evaluate(["max-age=1; max-age=2"])
        #expect(invalid.present && !invalid.valid && invalid.error != nil && invalid.maxAge == nil)

        // Only the first of several fields counts (RFC 6797, Section 8.1).
        let two = StrictTransportSecurityReport.evaluate(["max-age=10", "max-age=63072000; includeSubDomains; preload"])
        #expect(two.headerCount == 2 && two.maxAge == 10 && !two.preloadEligible)
    }
}
