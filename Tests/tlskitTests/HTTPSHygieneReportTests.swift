import Foundation
import Testing

@testable import tlskit

/// The report's JSON (every key always there, nulls included) and text lines, without a network.
@Suite struct HTTPSHygieneReportTests {
    static func keys(_ object: Any?) -> Set<String> {
        Set((object as? [String: Any])?.keys.map { $0 } ?? [])
    }

    @Test func jsonHasEveryKeyEvenWhenValuesAreMissing() throws {
        let report = HTTPSHygieneReport(
            host: "192.0.2.1", serverName: "example.com", httpsPort: 443, path: "/",
            plainHTTP: PlainHTTPRedirectReport(port: 80, verdict: .noListener, error: "nothing listens"),
            https: HTTPSPageReport(port: 443, error: "connection refused"), hsts: StrictTransportSecurityReport(),
            mixedContent: nil, mixedContentNote: "no HTTPS response")
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any]
        #expect(Self.keys(json) == ["host", "serverName", "httpsPort", "path", "plainHTTP", "https", "hsts", "mixedContent", "mixedContentNote"])
        #expect(json?["mixedContent"] is NSNull)
        #expect(
            Self.keys(json?["plainHTTP"])
                == ["port", "verdict", "statusCode", "location", "locationPort", "hstsHeaderOverHTTP", "error"])
        #expect((json?["plainHTTP"] as? [String: Any])?["verdict"] as? String == "no-listener")
        #expect(
            Self.keys(json?["https"])
                == ["port", "statusCode", "reasonPhrase", "contentType", "location", "bodyBytes", "bodyEnd", "protocolVersion",
                    "closedWithoutCloseNotify", "timedOut", "error"])
        #expect(
            Self.keys(json?["hsts"])
                == ["present", "headerCount", "value", "valid", "error", "maxAge", "atLeastSixMonths", "atLeastOneYear",
                    "atLeastTwoYears", "includeSubDomains", "preload", "preloadEligible"])

        var analysis = MixedContentAnalysis()
        analysis.findings = [
            MixedContentFinding(element: "style", attribute: nil, context: "url()", url: "http://a/x", classification: .blockable, ipAddressHost: false)
        ]
        analysis.insecureLinks = [InsecureLink(element: "a", attribute: "href", url: "http://b/")]
        let analysisJSON = try JSONSerialization.jsonObject(with: JSONEncoder().encode(analysis)) as? [String: Any]
        #expect(
            Self.keys(analysisJSON)
                == ["findings", "insecureLinks", "omittedFindings", "omittedLinks", "scanIncomplete", "upgradeInsecureRequests"])
        let finding = (analysisJSON?["findings"] as? [Any])?.first
        #expect(Self.keys(finding) == ["element", "attribute", "context", "url", "classification", "ipAddressHost"])
        #expect((finding as? [String: Any])?["attribute"] is NSNull)
        #expect(Self.keys((analysisJSON?["insecureLinks"] as? [Any])?.first) == ["element", "attribute", "url"])

        let decoded = try JSONDecoder().decode(HTTPSHygieneReport.self, from: JSONEncoder().encode(report))
        #expect(decoded == report)
    }

    @Test func linesSayWhatFailedAndWhatToDo() {
        let report = HTTPSHygieneReport(
            host: "192.0.2.1", serverName: "example.com", httpsPort: 443, path: "/",
            plainHTTP: PlainHTTPRedirectReport(port: 80, verdict: .noListener, error: "nothing listens on 192.0.2.1:80: connection refused"),
            https: HTTPSPageReport(port: 443, error: "connection to 192.0.2.1:443 refused"), hsts: StrictTransportSecurityReport(),
            mixedContent: nil, mixedContentNote: "no HTTPS response")
        #expect(
            report.lines == [
                "HTTPS hygiene of example.com (192.0.2.1:443), path /",
                "Plain HTTP (port 80): no listener (nothing listens on 192.0.2.1:80: connection refused); acceptable, but users who type the bare name get an error instead of a redirect",
                "HTTPS (port 443): no response: connection to 192.0.2.1:443 refused",
                "Strict-Transport-Security: not checked (no HTTPS response)",
                "Mixed content: not checked (no HTTPS response)",
            ])
    }
}
