import Foundation
import Testing

@testable import tlskit

/// `HTTPSHygieneCheck` where nothing listens and with requests it must refuse to send. The
/// checks against a real `tlskit server` are in Tests/InteropTests/ScanHTTPInteropTests.swift.
@Suite struct HTTPSHygieneCheckTests {
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
