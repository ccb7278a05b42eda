import Foundation
import Testing

@testable import tlskit

/// `HTTPSHygieneCheck` against the real `tlskit server` executable serving a page of known
/// mixed content: (a) with the plain HTTP redirect and HSTS max-age=63072000;
/// includeSubDomains; preload, (b) with neither.
///
/// A follow-up test of `tlskit scan --http` can start the server the same way
/// (`TLSKitServerProcess`) and compare the JSON it prints with `HTTPSHygieneReport`'s keys.
@Suite(.serialized) struct HTTPSHygieneCheckTests {
    static func makeRoot() throws -> TemporaryDirectory {
        let root = try TemporaryDirectory()
        try root.write("index.html", MixedContentFixture.page)
        try root.write("plain.txt", "not html\n")
        return root
    }

    @Test func redirectAndHSTSAndMixedContentAgainstTlskitServer() async throws {
        let root = try Self.makeRoot()
        defer { root.remove() }
        let server = try await TLSKitServerProcess(
            arguments: ["--root", root.path, "--hsts-max-age", "63072000", "--hsts-include-subdomains", "--hsts-preload"],
            withHTTPPort: true)
        defer { server.stop() }
        let httpPort = try #require(server.httpPort)

        let check = HTTPSHygieneCheck(
            host: "127.0.0.1", httpsPort: server.port, httpPort: httpPort, serverName: "localhost", path: "/index.html",
            timeout: .seconds(30))
        let report = await check.run()
        let log = server.log

        #expect(report.plainHTTP.verdict == .permanentRedirectToHTTPS, "\(report.lines)\n\(log)")
        #expect(report.plainHTTP.statusCode == 301)
        #expect(report.plainHTTP.location == "https://localhost:\(server.port)/index.html")
        #expect(report.plainHTTP.locationPort == server.port)
        #expect(!report.plainHTTP.hstsHeaderOverHTTP)
        #expect(report.plainHTTP.error == nil)

        #expect(report.https.statusCode == 200, "\(report.lines)\n\(log)")
        #expect(report.https.contentType?.hasPrefix("text/html") == true)
        #expect(report.https.bodyBytes == MixedContentFixture.page.utf8.count)
        #expect(report.https.bodyEnd == .complete)
        #expect(report.https.protocolVersion != nil)

        #expect(report.hsts.present && report.hsts.valid && report.hsts.headerCount == 1)
        #expect(report.hsts.value == "max-age=63072000; includeSubDomains; preload")
        #expect(report.hsts.maxAge == 63_072_000)
        #expect(report.hsts.atLeastSixMonths && report.hsts.atLeastOneYear && report.hsts.atLeastTwoYears)
        #expect(report.hsts.includeSubDomains && report.hsts.preload && report.hsts.preloadEligible)

        let mixed = try #require(report.mixedContent, "\(report.lines)")
        #expect(mixed.findings == MixedContentFixture.expectedFindings)
        #expect(mixed.insecureLinks == MixedContentFixture.links)

        let text = report.lines.joined(separator: "\n")
        #expect(text.contains("permanent redirect to HTTPS on the same host (good)"), "\(text)")
        #expect(text.contains("Strict-Transport-Security: max-age=63072000; includeSubDomains; preload"), "\(text)")
        #expect(text.contains("preload list eligible yes"), "\(text)")
        #expect(text.contains("Mixed content: 23 (17 blockable, 6 upgradable)"), "\(text)")
        #expect(text.contains("BLOCKABLE  <img src> http://192.0.2.1/ip.png (IP address host: blocked, not upgraded)"), "\(text)")
        #expect(text.contains("UPGRADABLE <img src> http://img.example/photo.jpg"), "\(text)")

        // The JSON keys `tlskit scan --http --json` will print.
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any]
        #expect(
            Set(json?.keys.map { $0 } ?? [])
                == ["host", "serverName", "httpsPort", "path", "plainHTTP", "https", "hsts", "mixedContent", "mixedContentNote"])
        let hsts = json?["hsts"] as? [String: Any]
        #expect(hsts?["maxAge"] as? Int == 63_072_000)
        #expect(hsts?["preloadEligible"] as? Bool == true)
        #expect((json?["plainHTTP"] as? [String: Any])?["verdict"] as? String == "permanent-redirect-to-https")
        let firstFinding = ((json?["mixedContent"] as? [String: Any])?["findings"] as? [[String: Any]])?.first
        #expect(firstFinding?["classification"] as? String == "blockable")
        #expect(firstFinding?["url"] as? String == "http://cdn.example/style.css")
    }

    @Test func noRedirectListenerAndNoHSTSAgainstTlskitServer() async throws {
        let root = try Self.makeRoot()
        defer { root.remove() }
        let server = try await TLSKitServerProcess(arguments: ["--root", root.path, "--hsts-max-age", "0"], withHTTPPort: false)
        defer { server.stop() }
        let unusedPort = try LocalPort.free()

        let report = await HTTPSHygieneCheck(
            host: "127.0.0.1", httpsPort: server.port, httpPort: unusedPort, serverName: "localhost", path: "/index.html",
            timeout: .seconds(30)
        ).run()

        #expect(report.plainHTTP.verdict == .noListener, "\(report.lines)\n\(server.log)")
        #expect(report.plainHTTP.statusCode == nil)
        #expect(report.plainHTTP.error?.contains("connection refused") == true)
        #expect(report.https.statusCode == 200, "\(report.lines)\n\(server.log)")
        #expect(!report.hsts.present && !report.hsts.valid && report.hsts.maxAge == nil && report.hsts.headerCount == 0)
        #expect(report.mixedContent?.findings == MixedContentFixture.expectedFindings)

        let text = report.lines.joined(separator: "\n")
        #expect(text.contains("Plain HTTP (port \(unusedPort)): no listener"), "\(text)")
        #expect(text.contains("Strict-Transport-Security: missing"), "\(text)")

        // A page that is not HTML is not scanned for mixed content, and says so.
        let plain = await HTTPSHygieneCheck(
            host: "127.0.0.1", httpsPort: server.port, httpPort: unusedPort, serverName: "localhost", path: "/plain.txt",
            timeout: .seconds(30)
        ).run()
        #expect(plain.https.statusCode == 200)
        #expect(plain.mixedContent == nil)
        #expect(plain.mixedContentNote?.contains("not HTML") == true)
    }

    @Test func nothingListeningOnHTTPSIsReportedNotThrown() async throws {
        let port = try LocalPort.free()
        let report = await HTTPSHygieneCheck(host: "127.0.0.1", httpsPort: port, httpPort: try LocalPort.free(), timeout: .seconds(10)).run()
        #expect(report.https.statusCode == nil)
        #expect(report.https.error?.contains("refused") == true, "\(report.lines)")
        #expect(report.plainHTTP.verdict == .noListener)
        #expect(report.lines.contains { $0.contains("no response") })
    }

    @Test func invalidPathIsReported() async {
        let report = await HTTPSHygieneCheck(host: "127.0.0.1", httpsPort: 1, path: "no-slash\r\nX: y").run()
        #expect(report.https.error == "the request path must start with '/'")
        #expect(HTTPSHygieneCheck.problem(withPath: "/a b") != nil)
        #expect(HTTPSHygieneCheck.problem(withPath: "/ok?x=1") == nil)
        let injected = await HTTPSHygieneCheck(host: "127.0.0.1", httpsPort: 1, serverName: "a.example\r\nX: y").run()
        #expect(injected.https.error?.contains("is not a host name or IP address") == true)
        #expect(injected.plainHTTP.verdict == .failed)
        #expect(HTTPSHygieneCheck.problem(withServerName: "::1") == nil)
        #expect(HTTPSHygieneCheck.problem(withServerName: "example.com") == nil)
        #expect(HTTPSHygieneCheck.problem(withServerName: "") != nil)
        #expect(HTTPSHygieneCheck.problem(withServerName: "evil.example/x") != nil)
    }
}
