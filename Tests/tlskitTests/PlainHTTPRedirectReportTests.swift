import Testing

@testable import tlskit

/// How the plain HTTP response is judged: permanent or temporary, to https on the same host,
/// to http, to another host, no redirect; HSTS over plain HTTP noted.
@Suite struct PlainHTTPRedirectReportTests {
    static func head(_ status: Int, _ headers: [(String, String)]) -> ParsedHTTPResponseHead {
        ParsedHTTPResponseHead(
            version: "HTTP/1.1", statusCode: status, reasonPhrase: "",
            headers: headers.map { HTTPHeaderField(name: $0.0, value: $0.1) })
    }

    static func verdict(_ status: Int, _ location: String?, serverName: String = "example.com") -> PlainHTTPRedirectVerdict {
        let head = self.head(status, location.map { [("Location", $0)] } ?? [])
        return PlainHTTPRedirectReport.evaluate(head, port: 80, serverName: serverName).verdict
    }

    @Test func permanentRedirectsToTheSameHostOverHTTPSAreGood() {
        #expect(Self.verdict(301, "https://example.com/") == .permanentRedirectToHTTPS)
        #expect(Self.verdict(308, "https://EXAMPLE.com./path?q") == .permanentRedirectToHTTPS)
        #expect(Self.verdict(301, "HTTPS://example.com:8443/") == .permanentRedirectToHTTPS)
        #expect(Self.verdict(301, "https://[::1]:8443/", serverName: "::1") == .permanentRedirectToHTTPS)
        let report = PlainHTTPRedirectReport.evaluate(Self.head(301, [("Location", "https://example.com:8443/x")]), port: 80, serverName: "example.com")
        #expect(report.statusCode == 301 && report.location == "https://example.com:8443/x" && report.locationPort == 8443)
        #expect(report.isRecommended && !report.hstsHeaderOverHTTP)
        #expect(
            PlainHTTPRedirectReport.evaluate(Self.head(301, [("Location", "https://example.com/")]), port: 80, serverName: "example.com")
                .locationPort == 443)
    }

    @Test func deviationsAreNamed() {
        #expect(Self.verdict(302, "https://example.com/") == .temporaryRedirectToHTTPS)
        #expect(Self.verdict(307, "https://example.com/") == .temporaryRedirectToHTTPS)
        #expect(Self.verdict(303, "https://example.com/") == .temporaryRedirectToHTTPS)
        #expect(Self.verdict(301, "http://example.com/") == .redirectToPlainHTTP)
        #expect(Self.verdict(301, "/elsewhere") == .redirectToPlainHTTP)
        #expect(Self.verdict(301, "//example.com/x") == .redirectToPlainHTTP)
        #expect(Self.verdict(301, "https://www.example.com/") == .redirectToOtherHost)
        #expect(Self.verdict(302, "https://evil.example@other.example/") == .redirectToOtherHost)
        #expect(Self.verdict(301, nil) == .redirectWithoutLocation)
        #expect(Self.verdict(301, "https://") == .redirectWithoutLocation)
        #expect(Self.verdict(200, nil) == .noRedirect)
        #expect(Self.verdict(404, nil) == .noRedirect)
        #expect(Self.verdict(300, "https://example.com/") == .noRedirect)
    }

    @Test func hstsOverPlainHTTPIsNoted() {
        let head = Self.head(200, [("strict-transport-security", "max-age=31536000")])
        let report = PlainHTTPRedirectReport.evaluate(head, port: 80, serverName: "example.com")
        #expect(report.hstsHeaderOverHTTP && report.verdict == .noRedirect)
    }
}
