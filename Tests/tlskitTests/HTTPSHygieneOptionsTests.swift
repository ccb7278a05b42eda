import ArgumentParser
import Testing

@testable import tlskit

/// The options `tlskit scan` includes for the HTTPS-hygiene check.
@Suite struct HTTPSHygieneOptionsTests {
    @Test func defaultsAndValues() throws {
        let defaults = try HTTPSHygieneOptions.parse([])
        #expect(!defaults.enabled && defaults.httpPort == 80 && defaults.path == "/")
        let options = try HTTPSHygieneOptions.parse(["--http", "--http-port", "8080", "--http-path", "/index.html?x=1"])
        #expect(options.enabled && options.httpPort == 8080 && options.path == "/index.html?x=1")
        let check = options.makeCheck(host: "127.0.0.1", httpsPort: 8443, serverName: "localhost", timeout: .seconds(5))
        #expect(check.host == "127.0.0.1" && check.httpsPort == 8443 && check.httpPort == 8080)
        #expect(check.serverName == "localhost" && check.path == "/index.html?x=1" && check.timeout == .seconds(5))
        #expect(options.makeCheck(host: "example.com", httpsPort: 443, serverName: nil, timeout: .seconds(5)).serverName == "example.com")
    }

    @Test(arguments: [["--http-port", "0"], ["--http-port", "70000"], ["--http-path", "index.html"], ["--http-path", "/a b"]])
    func invalidValuesAreRejected(_ arguments: [String]) {
        #expect(throws: (any Error).self) {
            try HTTPSHygieneOptions.parse(arguments)
        }
    }
}
