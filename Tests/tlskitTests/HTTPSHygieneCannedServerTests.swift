import NIOCore
import Testing

@testable import tlskit

/// `HTTPSHygieneCheck` over real sockets against canned servers, for what `tlskit server`
/// never does: HSTS over plain HTTP, temporary and insecure redirects, a silent listener,
/// chunked and close-delimited pages, several or invalid HSTS headers, a body over the limit.
@Suite struct HTTPSHygieneCannedServerTests {
    static let page = "<!doctype html><script src=\"http://cdn.example/a.js\"></script><img src=\"http://img.example/i.png\">"

    /// Runs the check with a canned plain HTTP answer and a canned HTTPS answer.
    static func check(
        plain: String?, https: String, timeout: Duration = .seconds(20), bodyLimit: Int? = nil
    ) async throws -> HTTPSHygieneReport {
        let plainServer = try await CannedHTTPServer.start(response: plain)
        let tlsServer = try await CannedHTTPServer.start(response: https, tls: try CannedHTTPServer.identity())
        defer {
            plainServer.close(promise: nil)
            tlsServer.close(promise: nil)
        }
        var check = HTTPSHygieneCheck(
            host: "127.0.0.1", httpsPort: try #require(tlsServer.localAddress?.port),
            httpPort: try #require(plainServer.localAddress?.port), serverName: "localhost", path: "/", timeout: timeout)
        if let bodyLimit { check.bodyLimit = bodyLimit }
        return await check.run()
    }

    static let redirect = "HTTP/1.1 301 Moved Permanently\r\nLocation: https://localhost/\r\nContent-Length: 0\r\n\r\n"

    static let okPage = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: \(page.utf8.count)\r\nStrict-Transport-Security: max-age=31536000\r\n\r\n\(page)"

    @Test func hstsOverPlainHTTPIsNotedAndNoRedirectReported() async throws {
        let report = try await Self.check(
            plain: "HTTP/1.1 200 OK\r\nStrict-Transport-Security: max-age=63072000\r\nContent-Length: 2\r\n\r\nhi", https: Self.okPage)
        #expect(report.plainHTTP.verdict == .noRedirect, "\(report.lines)")
        #expect(report.plainHTTP.statusCode == 200)
        #expect(report.plainHTTP.hstsHeaderOverHTTP)
        #expect(report.lines.contains { $0.contains("Strict-Transport-Security sent over plain HTTP is ignored by browsers") })
        #expect(report.lines.contains { $0.contains("no redirect: the site is served without TLS") })
        #expect(report.hsts.maxAge == 31_536_000 && report.hsts.atLeastOneYear && !report.hsts.atLeastTwoYears)
        #expect(!report.hsts.includeSubDomains && !report.hsts.preloadEligible)
    }

    @Test func temporaryAndInsecureRedirectsAreDeviations() async throws {
        let temporary = try await Self.check(plain: "HTTP/1.1 302 Found\r\nLocation: https://localhost/\r\nContent-Length: 0\r\n\r\n", https: Self.okPage)
        #expect(temporary.plainHTTP.verdict == .temporaryRedirectToHTTPS, "\(temporary.lines)")
        #expect(temporary.lines.contains { $0.contains("temporary redirect; use 301 or 308") })
        let insecure = try await Self.check(plain: "HTTP/1.1 301 Moved\r\nLocation: http://localhost/x\r\n\r\n", https: Self.okPage)
        #expect(insecure.plainHTTP.verdict == .redirectToPlainHTTP, "\(insecure.lines)")
        let other = try await Self.check(plain: "HTTP/1.1 308 Permanent\r\nLocation: https://www.example.com/\r\n\r\n", https: Self.okPage)
        #expect(other.plainHTTP.verdict == .redirectToOtherHost, "\(other.lines)")
    }

    @Test func silentPlainListenerTimesOut() async throws {
        let report = try await Self.check(plain: nil, https: Self.okPage, timeout: .seconds(2))
        #expect(report.plainHTTP.verdict == .failed, "\(report.lines)")
        #expect(report.plainHTTP.error?.contains("did not answer within 2 seconds") == true, "\(report.lines)")
        #expect(report.https.statusCode == 200)
    }

    @Test func chunkedPageWithTwoHSTSHeadersOverTLS() async throws {
        let half = Self.page.utf8.count / 2
        let first = String(Self.page.prefix(half))
        let second = String(Self.page.dropFirst(half))
        let response = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\n"
            + "Strict-Transport-Security: max-age=300\r\nStrict-Transport-Security: max-age=63072000; includeSubDomains; preload\r\n\r\n"
            + "\(String(first.utf8.count, radix: 16))\r\n\(first)\r\n\(String(second.utf8.count, radix: 16));ext=1\r\n\(second)\r\n0\r\n\r\n"
        let report = try await Self.check(plain: Self.redirect, https: response, timeout: .seconds(5))
        #expect(report.https.statusCode == 200, "\(report.lines)")
        #expect(report.https.bodyEnd == .complete)
        #expect(!report.https.timedOut)
        #expect(report.plainHTTP.verdict == .permanentRedirectToHTTPS)
        #expect(report.https.bodyBytes == Self.page.utf8.count)
        #expect(report.hsts.headerCount == 2 && report.hsts.maxAge == 300 && !report.hsts.preload)
        #expect(report.lines.contains { $0.contains("2 Strict-Transport-Security fields; browsers use only the first") })
        #expect(report.mixedContent?.findings.map(\.url) == ["http://cdn.example/a.js", "http://img.example/i.png"])
        #expect(report.mixedContent?.findings.map(\.classification) == [.blockable, .upgradable])
    }

    @Test func closeDelimitedPageWithInvalidHSTS() async throws {
        let response = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nStrict-Transport-Security: max-age=10; max-age=20\r\n\r\n\(Self.page)"
        let report = try await Self.check(plain: Self.redirect, https: response, timeout: .seconds(5))
        #expect(report.https.bodyEnd == .closeDelimited, "\(report.lines)")
        #expect(report.hsts.present && !report.hsts.valid)
        #expect(report.hsts.error?.contains("appears more than once") == true)
        #expect(report.lines.contains { $0.contains("invalid, so browsers ignore it") })
        #expect(report.mixedContent?.findings.count == 2)
    }

    @Test func bodyOverTheLimitIsCutAndStillExamined() async throws {
        let big = Self.page + String(repeating: "<p>filler</p>", count: 1000) + "<img src=\"http://late.example/x.png\">"
        let response = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: \(big.utf8.count)\r\n\r\n\(big)"
        let report = try await Self.check(plain: Self.redirect, https: response, timeout: .seconds(5), bodyLimit: 1024)
        #expect(report.https.bodyEnd == .limitReached, "\(report.lines)")
        #expect(report.https.bodyBytes == 1024)
        #expect(report.mixedContent?.findings.map(\.url) == ["http://cdn.example/a.js", "http://img.example/i.png"])
        #expect(report.lines.contains { $0.contains("only the first 1024 bytes of the body were examined") })
    }

    @Test func upgradeInsecureRequestsHeaderIsNoted() async throws {
        let response = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Security-Policy: upgrade-insecure-requests\r\nContent-Length: \(Self.page.utf8.count)\r\n\r\n\(Self.page)"
        let report = try await Self.check(plain: Self.redirect, https: response, timeout: .seconds(5))
        #expect(report.mixedContent?.upgradeInsecureRequests == true, "\(report.lines)")
        #expect(report.lines.contains { $0.contains("upgrade-insecure-requests") })
        #expect(report.hsts.present == false)
    }

    @Test func redirectOverHTTPSIsNotFollowedButHSTSCounts() async throws {
        let response = "HTTP/1.1 301 Moved Permanently\r\nLocation: https://localhost/home\r\nStrict-Transport-Security: max-age=63072000\r\nContent-Length: 0\r\n\r\n"
        let report = try await Self.check(plain: Self.redirect, https: response, timeout: .seconds(5))
        #expect(report.https.statusCode == 301 && report.https.location == "https://localhost/home", "\(report.lines)")
        #expect(report.hsts.maxAge == 63_072_000)
        #expect(report.mixedContent == nil)
        #expect(report.mixedContentNote == "the HTTPS response is a 301 redirect to https://localhost/home; check the page it leads to")
    }
}
