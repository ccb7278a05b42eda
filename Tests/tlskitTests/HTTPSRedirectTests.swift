import NIOHTTP1
import Testing

@testable import tlskit

/// The plain HTTP listener's 301 to HTTPS.
@Suite struct HTTPSRedirectTests {
    @Test func locationUsesTheHostHeaderWithoutItsPortAndTheHTTPSPort() {
        #expect(
            HTTPSRedirectLocation.make(hostHeader: "localhost:8080", target: "/x/y?z=1", httpsPort: 8443, fallbackHost: "127.0.0.1")
                == "https://localhost:8443/x/y?z=1")
        #expect(
            HTTPSRedirectLocation.make(hostHeader: "Example.COM", target: "/", httpsPort: 443, fallbackHost: "127.0.0.1")
                == "https://example.com/")
        #expect(
            HTTPSRedirectLocation.make(hostHeader: "[::1]:8080", target: "/a", httpsPort: 8443, fallbackHost: "127.0.0.1")
                == "https://[::1]:8443/a")
        #expect(
            HTTPSRedirectLocation.make(hostHeader: "192.0.2.1", target: "/a", httpsPort: 443, fallbackHost: "127.0.0.1")
                == "https://192.0.2.1/a")
    }

    @Test(arguments: [nil, "", "evil.com/path", "a b", "host:port", "[::1", "[zz]", "x@evil.com", "evil.com\r\nX: y"])
    func badOrMissingHostFallsBack(_ header: String?) {
        #expect(
            HTTPSRedirectLocation.make(hostHeader: header, target: "/p", httpsPort: 8443, fallbackHost: "127.0.0.1")
                == "https://127.0.0.1:8443/p")
    }

    @Test func ipv6FallbackIsBracketedAndOddTargetsBecomeSlash() {
        #expect(
            HTTPSRedirectLocation.make(hostHeader: nil, target: "http://other/x", httpsPort: 8443, fallbackHost: "::1")
                == "https://[::1]:8443/")
        #expect(
            HTTPSRedirectLocation.make(hostHeader: "localhost", target: "//evil.com/x", httpsPort: 8443, fallbackHost: "::1")
                == "https://localhost:8443/")
    }

    @Test func responseIs301WithLocationAndNoHSTS() {
        var head = HTTPRequestHead(version: .http1_1, method: .GET, uri: "/file.txt")
        head.headers.add(name: "Host", value: "localhost:8080")
        let response = HTTPSRedirectHandler.response(to: head, httpsPort: 8443, fallbackHost: "127.0.0.1")
        #expect(response.head.status == .movedPermanently)
        #expect(response.head.headers["Location"] == ["https://localhost:8443/file.txt"])
        #expect(response.head.headers["Content-Length"] == ["\(response.body.utf8.count)"])
        #expect(response.head.headers["Strict-Transport-Security"].isEmpty)
    }
}
