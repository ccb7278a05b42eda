import Testing
import TLSKit
import TLSKitNIO

/// Python's `ssl` module (a default context: certificate and host name checked) against
/// TLSKit's server (`TLSServer.bind` on a real socket): version, cipher, ALPN and data; every
/// server key type; a single group; SNI; mutual TLS; refusals with their alerts.
@Suite struct PythonSSLInteropTests {
    let fixture: TestPKIFixture

    init() throws {
        fixture = try TestPKIFixture(kinds: [])
    }

    func expectConnected(_ outcome: PythonTLSClient.Outcome, _ process: PeerProcess, _ server: LibraryServer) {
        #expect(outcome.error == nil, "\(process.transcript)\nserver saw: \(server.log.all)")
        #expect(outcome.version == "TLSv1.3", "\(process.transcript)")
        #expect(outcome.data?.hasPrefix("HTTP/1.1 200 OK\r\n") == true, "\(process.transcript)")
        #expect(outcome.data?.contains("TLSKit library server") == true, "\(process.transcript)")
    }

    func expectRefused(
        _ outcome: PythonTLSClient.Outcome, _ process: PeerProcess, _ server: LibraryServer, reason: String, serverReason: String
    ) async throws {
        #expect(outcome.reason == reason, "\(process.transcript)")
        #expect(outcome.data == nil, "\(process.transcript)")
        let failure = try await server.log.firstFailure()
        #expect(failure.contains(serverReason), "\(failure)")
    }

    @Test func defaultContextWithALPN() async throws {
        var configuration = try fixture.serverConfiguration()
        configuration.applicationProtocols = ["h2", "http/1.1"]
        try await LibraryServer.withServer(configuration) { server in
            let (outcome, process) = try await PythonTLSClient.run(
                port: server.port, caFile: fixture.rootPath, alpn: ["h2", "http/1.1"])
            expectConnected(outcome, process, server)
            #expect(outcome.alpn == "h2", "\(process.transcript)")
            #expect(outcome.peerCommonName == "localhost", "\(process.transcript)")
            let summary = try await server.log.firstSummary()
            let cipher = try #require(outcome.cipher)
            #expect(summary.cipherSuite.description == cipher)
            #expect(outcome.data?.contains("cipher: \(cipher)\n") == true, "\(process.transcript)")
            #expect(outcome.data?.contains("alpn: h2\n") == true, "\(process.transcript)")
            #expect(summary.applicationProtocol == "h2")
        }
    }

    @Test func alpnHTTP1() async throws {
        var configuration = try fixture.serverConfiguration()
        configuration.applicationProtocols = ["h2", "http/1.1"]
        try await LibraryServer.withServer(configuration) { server in
            let (outcome, process) = try await PythonTLSClient.run(port: server.port, caFile: fixture.rootPath, alpn: ["http/1.1"])
            expectConnected(outcome, process, server)
            #expect(outcome.alpn == "http/1.1", "\(process.transcript)")
        }
    }

    @Test func alpnWithoutOverlapIsNoApplicationProtocol() async throws {
        var configuration = try fixture.serverConfiguration()
        configuration.applicationProtocols = ["h2"]
        try await LibraryServer.withServer(configuration) { server in
            let (outcome, process) = try await PythonTLSClient.run(port: server.port, caFile: fixture.rootPath, alpn: ["http/1.1"])
            // Python's table of reasons lacks this alert; its message names it.
            #expect(outcome.error?.contains("tlsv1 alert no application protocol") == true, "\(process.transcript)")
            #expect(outcome.data == nil, "\(process.transcript)")
            #expect(try await server.log.firstFailure().contains("no application protocol (ALPN)"))
        }
    }

    @Test(arguments: [
        (DevelopmentKeyType.p256, SignatureScheme.ecdsaSecp256r1SHA256),
        (.p384, .ecdsaSecp384r1SHA384),
        (.rsa2048, .rsaPSSRSAESHA256),
        (.ed25519, .ed25519),
    ])
    func serverKeyType(_ keyType: DevelopmentKeyType, _ scheme: SignatureScheme) async throws {
        try await LibraryServer.withServer(try fixture.serverConfiguration([.good(keyType)])) { server in
            let (outcome, process) = try await PythonTLSClient.run(port: server.port, caFile: fixture.rootPath)
            expectConnected(outcome, process, server)
            #expect(try await server.log.firstSummary().localSignatureScheme == scheme)
        }
    }

    @Test(arguments: [("prime256v1", NamedGroup.secp256r1), ("secp384r1", .secp384r1), ("X25519", .x25519)])
    func singleGroup(_ curve: String, _ group: NamedGroup) async throws {
        try await LibraryServer.withServer(try fixture.serverConfiguration()) { server in
            let (outcome, process) = try await PythonTLSClient.run(port: server.port, caFile: fixture.rootPath, curve: curve)
            expectConnected(outcome, process, server)
            let summary = try await server.log.firstSummary()
            #expect(summary.group == group)
            #expect(summary.helloRetryRequested == false)
        }
    }

    /// A server accepting only X25519 and a client offering only P-256: handshake_failure.
    @Test func noCommonGroupIsHandshakeFailure() async throws {
        var configuration = try fixture.serverConfiguration()
        configuration.supportedGroups = [.x25519]
        try await LibraryServer.withServer(configuration) { server in
            let (outcome, process) = try await PythonTLSClient.run(port: server.port, caFile: fixture.rootPath, curve: "prime256v1")
            try await expectRefused(
                outcome, process, server, reason: "SSLV3_ALERT_HANDSHAKE_FAILURE", serverReason: "no key exchange group in common")
        }
    }

    @Test(arguments: ["a.example", "b.example"])
    func sniChoosesTheCertificate(_ name: String) async throws {
        let configuration = try fixture.serverConfiguration([.named("a.example"), .named("b.example")])
        try await LibraryServer.withServer(configuration) { server in
            let (outcome, process) = try await PythonTLSClient.run(port: server.port, caFile: fixture.rootPath, serverName: name)
            expectConnected(outcome, process, server)
            #expect(outcome.peerCommonName == name, "\(process.transcript)")
            #expect(try await server.log.firstSummary().serverName == name)
        }
    }

    @Test(arguments: [true, false])
    func mutualTLS(_ required: Bool) async throws {
        var configuration = try fixture.serverConfiguration()
        configuration.clientAuthentication = required ? .required(fixture.clientVerifier) : .optional(fixture.clientVerifier)
        let clientLeaf = try fixture.leaf(.client)
        try await LibraryServer.withServer(configuration) { server in
            let (outcome, process) = try await PythonTLSClient.run(
                port: server.port, caFile: fixture.rootPath, certificate: (clientLeaf.chainPath, clientLeaf.keyPath))
            expectConnected(outcome, process, server)
            #expect(outcome.data?.contains("client: CN=TLSKit Interop Client\n") == true, "\(process.transcript)")
            #expect(try await server.log.firstSummary().peerCertificates == clientLeaf.chainDER)
        }
    }

    @Test func requiredClientCertificateMissingIsCertificateRequired() async throws {
        var configuration = try fixture.serverConfiguration()
        configuration.clientAuthentication = .required(fixture.clientVerifier)
        try await LibraryServer.withServer(configuration) { server in
            let (outcome, process) = try await PythonTLSClient.run(port: server.port, caFile: fixture.rootPath)
            try await expectRefused(
                outcome, process, server, reason: "TLSV13_ALERT_CERTIFICATE_REQUIRED",
                serverReason: "the client sent no certificate")
        }
    }

    @Test func untrustedClientCertificateIsUnknownCA() async throws {
        var configuration = try fixture.serverConfiguration()
        configuration.clientAuthentication = .required(fixture.clientVerifier)
        let clientLeaf = try fixture.leaf(.untrustedClient)
        try await LibraryServer.withServer(configuration) { server in
            let (outcome, process) = try await PythonTLSClient.run(
                port: server.port, caFile: fixture.rootPath, certificate: (clientLeaf.chainPath, clientLeaf.keyPath))
            try await expectRefused(
                outcome, process, server, reason: "TLSV1_ALERT_UNKNOWN_CA", serverReason: "Untrusted Root")
        }
    }

    @Test func tls12OnlyClientConnectsWithTLS12() async throws {
        try await LibraryServer.withServer(try fixture.serverConfiguration()) { server in
            let (outcome, process) = try await PythonTLSClient.run(port: server.port, caFile: fixture.rootPath, maximumVersion: "1.2")
            #expect(outcome.error == nil, "\(process.transcript)")
            #expect(outcome.version == "TLSv1.2", "\(process.transcript)")
            #expect(outcome.data?.contains("protocol: TLSv1.2") == true, "\(process.transcript)")
            let summary = try await server.log.firstSummary()
            #expect(summary.version == .tls12)
        }
    }
}
