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

    /// The presets and the openssl-style version and suite options on top of them.
    @Test func profilesAndProtocolOptions() throws {
        let intermediate = try ServerCommand.parse([]).makeConfiguration(identities: [])
        #expect(intermediate.versions == [.tls13, .tls12])
        #expect(intermediate.cipherSuites == CipherSuite.tls13Suites + CipherSuite.tls12Suites)
        let modern = try ServerCommand.parse(["--profile", "modern"]).makeConfiguration(identities: [])
        #expect(modern.versions == [.tls13])
        let legacy = try ServerCommand.parse(["--profile", "legacy"]).makeConfiguration(identities: [])
        #expect(legacy.cipherSuites.suffix(2) == ArraySlice(CipherSuite.tls12RSAKeyExchangeSuites))
        let capped = try ServerCommand.parse(["--tls1_2", "--legacy", "--cipher", "AES128-GCM-SHA256:ECDHE-ECDSA-CHACHA20-POLY1305"])
            .makeConfiguration(identities: [])
        #expect(capped.versions == [.tls12])
        #expect(capped.cipherSuites == CipherSuite.tls13Suites + [.tlsRSAWithAES128GCMSHA256, .tlsECDHEECDSAWithChaCha20Poly1305SHA256])
        #expect(try ServerCommand.parse(["--tls1_3"]).makeConfiguration(identities: []).versions == [.tls13])
        #expect(throws: (any Error).self) { try ServerCommand.parse(["--cipher", "AES256-GCM-SHA384"]) }
        #expect(throws: Never.self) { try ServerCommand.parse(["--profile", "legacy", "--cipher", "AES256-GCM-SHA384"]) }
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

    /// Only the protocols the file server speaks may be negotiated: agreeing to h2 would leave
    /// an h2 client (curl) talking to an HTTP/1.1 server.
    @Test func alpnListsOnlyServedProtocols() throws {
        #expect(throws: (any Error).self) { try ServerCommand.parse(["--alpn", "h2,http/1.1"]) }
        #expect(throws: (any Error).self) { try ServerCommand.parse(["--alpn", "h2"]) }
        do {
            _ = try ServerCommand.parse(["--alpn", "h2"])
        } catch {
            #expect(ServerCommand.message(for: error).contains("this server speaks only http/1.1 and http/1.0"))
        }
        #expect(try ServerCommand.parse(["--alpn", "http/1.1"]).alpn == "http/1.1")
    }

    @Test func hstsDirectives() throws {
        func header(_ arguments: [String]) throws -> String? {
            let command = try ServerCommand.parse(arguments + ["--root", "/"])
            return try command.makeSettings().hstsHeaderValue
        }
        #expect(try header([]) == "max-age=63072000")
        #expect(try header(["--hsts-include-subdomains"]) == "max-age=63072000; includeSubDomains")
        #expect(try header(["--hsts-include-subdomains", "--hsts-preload"]) == "max-age=63072000; includeSubDomains; preload")
        #expect(try header(["--hsts-max-age", "0", "--hsts-include-subdomains"]) == nil)
        #expect(throws: (any Error).self) { try ServerCommand.parse(["--hsts-preload"]) }
        #expect(throws: (any Error).self) {
            try ServerCommand.parse(["--hsts-preload", "--hsts-include-subdomains", "--hsts-max-age", "600"])
        }
    }

    @Test func clientAuthenticationFromOptions() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let ca = try CertCACommand.parse(["--out", directory.path]).write()

        let optional = try ServerCommand.parse(["--client-ca", ca.certificate, "--alpn", "http/1.1,http/1.0"])
            .makeConfiguration(identities: [])
        #expect(optional.applicationProtocols == ["http/1.1", "http/1.0"])
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
