import Testing

@testable import tlskit

/// The options of `tlskit scan`.
@Suite struct ScanCommandTests {
    @Test func defaults() throws {
        let command = try ScanCommand.parse(["example.com"])
        #expect(command.address == "example.com")
        #expect(command.serverName == nil)
        #expect(command.caFile == nil)
        #expect(command.timeout == 10)
        #expect(!command.json)
    }

    @Test func options() throws {
        let command = try ScanCommand.parse([
            "127.0.0.1:8443", "--servername", "localhost", "--cafile", "root.pem", "--timeout", "3", "--json",
        ])
        #expect(command.serverName == "localhost")
        #expect(command.caFile == "root.pem")
        #expect(command.timeout == 3)
        #expect(command.json)
    }

    @Test(arguments: [
        ["example.com:0"], ["[::1"], ["example.com", "--timeout", "0"], ["example.com", "--timeout", "601"],
        ["example.com", "--servername", "a b"], ["example.com", "--servername", String(repeating: "a", count: 254)],
    ])
    func rejectsBadOptions(_ arguments: [String]) {
        #expect(throws: (any Error).self) { try ScanCommand.parse(arguments) }
    }
}
