import Testing

@testable import tlskit

@Suite struct HostPortTests {
    @Test(arguments: [
        ("example.com", "example.com", 443),
        ("example.com:8443", "example.com", 8443),
        ("127.0.0.1", "127.0.0.1", 443),
        ("127.0.0.1:4433", "127.0.0.1", 4433),
        ("[::1]:8443", "::1", 8443),
        ("[::1]", "::1", 443),
        ("::1", "::1", 443),
        ("[2001:db8::7]:1", "2001:db8::7", 1),
    ])
    func parses(argument: String, host: String, port: Int) throws {
        let parsed = try HostPort(parsing: argument)
        #expect(parsed == HostPort(host: host, port: port))
    }

    @Test(arguments: [
        "", ":443", "example.com:", "example.com:0", "example.com:65536", "example.com:http", "example.com:+1",
        "[::1", "[::1]8443", "[example.com]:443", "2001:db8::7:8443x", "exa mple.com", "user@example.com",
    ])
    func rejects(argument: String) {
        #expect(throws: HostPortError.self) { try HostPort(parsing: argument) }
    }

    @Test func describesWithBracketsForIPv6() throws {
        #expect(try HostPort(parsing: "[::1]:8443").description == "[::1]:8443")
        #expect(try HostPort(parsing: "example.com").description == "example.com:443")
    }

    @Test func knowsIPAddressesFromNames() throws {
        #expect(try HostPort(parsing: "192.0.2.1").isIPAddress)
        #expect(try HostPort(parsing: "[::1]:1").isIPAddress)
        #expect(!(try HostPort(parsing: "example.com").isIPAddress))
    }
}
