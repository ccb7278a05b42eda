import TLSKit
import Testing

@testable import tlskit

/// `tlskit server`'s options.
@Suite struct ServerCommandTests {
    @Test func defaults() throws {
        let command = try ServerCommand.parse([])
        #expect(command.port == 8443)
        #expect(command.host == "127.0.0.1")
        #expect(command.root == ".")
        #expect(command.hstsMaxAge == 63_072_000)
        #expect(command.profile == .intermediate)
        let configuration = try command.makeConfiguration(identities: [])
        #expect(configuration.applicationProtocols == ["http/1.1"])
        guard case .none = configuration.clientAuthentication else {
            Issue.record("client authentication should be off by default")
            return
        }
    }

    @Test func certificatesAndKeysComeInPairs() {
        #expect(throws: (any Error).self) { try ServerCommand.parse(["--cert", "a.pem"]) }
        #expect(throws: (any Error).self) { try ServerCommand.parse(["--cert", "a.pem", "--key", "a.key", "--cert", "b.pem"]) }
        #expect(throws: Never.self) {
            try ServerCommand.parse(["--cert", "a.pem", "--key", "a.key", "--cert", "b.pem", "--key", "b.key"])
        }
    }

    @Test func otherValidation() {
        #expect(throws: (any Error).self) { try ServerCommand.parse(["--require-client-cert"]) }
        #expect(throws: (any Error).self) { try ServerCommand.parse(["--http-port", "8443"]) }
        #expect(throws: (any Error).self) { try ServerCommand.parse(["--hsts-max-age", "-1"]) }
        #expect(throws: (any Error).self) { try ServerCommand.parse(["--profile", "old"]) }
        #expect(throws: (any Error).self) { try ServerCommand.parse(["--alpn", "h2,,http/1.1"]) }
    }

    @Test func clientAuthenticationFromOptions() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let ca = try CertCACommand.parse(["--out", directory.path]).write()

        let optional = try ServerCommand.parse(["--client-ca", ca.certificate, "--alpn", "h2,http/1.1"])
            .makeConfiguration(identities: [])
        #expect(optional.applicationProtocols == ["h2", "http/1.1"])
        guard case .optional = optional.clientAuthentication else {
            Issue.record("expected optional client authentication")
            return
        }
        let required = try ServerCommand.parse(["--client-ca", ca.certificate, "--require-client-cert"])
            .makeConfiguration(identities: [])
        guard case .required = required.clientAuthentication else {
            Issue.record("expected required client authentication")
            return
        }
    }
}
