import Testing
import TLSKit
import TLSKitNIO

/// `gnutls-cli` (GnuTLS 3.7) restricted to TLS 1.3 against TLSKit's server (`TLSServer.bind`
/// on a real socket): each cipher suite, the groups, a HelloRetryRequest, RSA, Ed25519 and
/// P-384 certificates, ALPN, mutual TLS, and refusals with their alerts.
@Suite struct GnuTLSClientInteropTests {
    let fixture: TestPKIFixture

    init() throws {
        fixture = try TestPKIFixture(kinds: [])
    }

    /// gnutls-cli's "- Description: (TLS1.3-X.509)-(ECDHE-X25519)-(ECDSA-SECP256R1-SHA256)-(AES-128-GCM)" line.
    func description(_ client: PeerProcess) -> String {
        client.standardOutput.split(separator: "\n").first { $0.hasPrefix("- Description:") }.map(String.init) ?? ""
    }

    func expectConnected(_ client: PeerProcess, _ server: LibraryServer) {
        let output = client.standardOutput
        #expect(client.terminationStatus == 0, "\(client.transcript)\nserver saw: \(server.log.all)")
        #expect(output.contains("- Status: The certificate is trusted."), "\(client.transcript)")
        #expect(output.contains("HTTP/1.1 200 OK"), "\(client.transcript)")
        #expect(output.contains("TLSKit library server"), "\(client.transcript)")
    }

    func expectRefused(_ client: PeerProcess, _ server: LibraryServer, alert: Int, serverReason: String) async throws {
        #expect(client.terminationStatus != 0, "\(client.transcript)")
        #expect(client.standardError.contains("*** Fatal error: A TLS fatal alert has been received."), "\(client.transcript)")
        #expect(client.standardOutput.contains("*** Received alert [\(alert)]"), "\(client.transcript)")
        #expect(!client.standardOutput.contains("TLSKit library server"), "\(client.transcript)")
        let reason = try await server.log.firstFailure()
        #expect(reason.contains(serverReason), "\(reason)")
    }

    @Test(arguments: [
        ("AES-128-GCM", CipherSuite.tlsAES128GCMSHA256),
        ("AES-256-GCM", .tlsAES256GCMSHA384),
        ("CHACHA20-POLY1305", .tlsChaCha20Poly1305SHA256),
    ])
    func cipherSuite(_ gnutlsName: String, _ suite: CipherSuite) async throws {
        try await LibraryServer.withServer(try fixture.serverConfiguration()) { server in
            let client = try await GnuTLSClient.run(
                port: server.port, caFile: fixture.rootPath, priority: GnuTLSClient.tls13Only + ":-CIPHER-ALL:+\(gnutlsName)")
            expectConnected(client, server)
            #expect(description(client).hasSuffix("-(\(gnutlsName))"), "\(client.transcript)")
            #expect(description(client).hasPrefix("- Description: (TLS1.3-X.509)"), "\(client.transcript)")
            let summary = try await server.log.firstSummary()
            #expect(summary.cipherSuite == suite)
        }
    }

    @Test(arguments: [
        ("X25519", NamedGroup.x25519),
        ("SECP256R1", .secp256r1),
        ("SECP384R1", .secp384r1),
    ])
    func group(_ gnutlsName: String, _ group: NamedGroup) async throws {
        try await LibraryServer.withServer(try fixture.serverConfiguration()) { server in
            let client = try await GnuTLSClient.run(
                port: server.port, caFile: fixture.rootPath, priority: GnuTLSClient.tls13Only + ":-GROUP-ALL:+GROUP-\(gnutlsName)")
            expectConnected(client, server)
            #expect(description(client).contains("-(ECDHE-\(gnutlsName))-"), "\(client.transcript)")
            let summary = try await server.log.firstSummary()
            #expect(summary.group == group)
            #expect(summary.helloRetryRequested == false)
        }
    }

    /// GnuTLS shares only P-384 when it lists P-384 before P-256; the server prefers P-256
    /// and asks for it with a HelloRetryRequest.
    @Test func helloRetryRequest() async throws {
        try await LibraryServer.withServer(try fixture.serverConfiguration()) { server in
            let client = try await GnuTLSClient.run(
                port: server.port, caFile: fixture.rootPath,
                priority: GnuTLSClient.tls13Only + ":-GROUP-ALL:+GROUP-SECP384R1:+GROUP-SECP256R1")
            expectConnected(client, server)
            #expect(description(client).contains("-(ECDHE-SECP256R1)-"), "\(client.transcript)")
            let summary = try await server.log.firstSummary()
            #expect(summary.helloRetryRequested)
            #expect(summary.group == .secp256r1)
        }
    }

    @Test(arguments: [
        (DevelopmentKeyType.p384, "(ECDSA-SECP384R1-SHA384)"),
        (.rsa2048, "(RSA-PSS-RSAE-SHA256)"),
        (.ed25519, "(EdDSA-Ed25519)"),
    ])
    func serverKeyType(_ keyType: DevelopmentKeyType, _ gnutlsScheme: String) async throws {
        try await LibraryServer.withServer(try fixture.serverConfiguration([.good(keyType)])) { server in
            let client = try await GnuTLSClient.run(port: server.port, caFile: fixture.rootPath)
            expectConnected(client, server)
            #expect(description(client).contains("-\(gnutlsScheme)-"), "\(client.transcript)")
        }
    }

    @Test(arguments: ["h2", "http/1.1"])
    func alpn(_ offered: String) async throws {
        var configuration = try fixture.serverConfiguration()
        configuration.applicationProtocols = ["h2", "http/1.1"]
        try await LibraryServer.withServer(configuration) { server in
            let client = try await GnuTLSClient.run(port: server.port, caFile: fixture.rootPath, ["--alpn", offered])
            expectConnected(client, server)
            #expect(client.standardOutput.contains("- Application protocol: \(offered)\n"), "\(client.transcript)")
            #expect(try await server.log.firstSummary().applicationProtocol == offered)
        }
    }

    @Test func requiredClientCertificate() async throws {
        var configuration = try fixture.serverConfiguration()
        configuration.clientAuthentication = .required(fixture.clientVerifier)
        let clientLeaf = try fixture.leaf(.client)
        try await LibraryServer.withServer(configuration) { server in
            let client = try await GnuTLSClient.run(
                port: server.port, caFile: fixture.rootPath,
                ["--x509certfile", clientLeaf.chainPath, "--x509keyfile", clientLeaf.keyPath])
            expectConnected(client, server)
            #expect(client.standardOutput.contains("- Server has requested a certificate."), "\(client.transcript)")
            #expect(client.standardOutput.contains("client: CN=TLSKit Interop Client"), "\(client.transcript)")
            #expect(try await server.log.firstSummary().peerCertificates == clientLeaf.chainDER)
        }
    }

    @Test func requiredClientCertificateMissingIsCertificateRequired() async throws {
        var configuration = try fixture.serverConfiguration()
        configuration.clientAuthentication = .required(fixture.clientVerifier)
        try await LibraryServer.withServer(configuration) { server in
            let client = try await GnuTLSClient.run(port: server.port, caFile: fixture.rootPath)
            try await expectRefused(client, server, alert: 116, serverReason: "the client sent no certificate")
        }
    }

    @Test func untrustedClientCertificateIsUnknownCA() async throws {
        var configuration = try fixture.serverConfiguration()
        configuration.clientAuthentication = .required(fixture.clientVerifier)
        let clientLeaf = try fixture.leaf(.untrustedClient)
        try await LibraryServer.withServer(configuration) { server in
            let client = try await GnuTLSClient.run(
                port: server.port, caFile: fixture.rootPath,
                ["--x509certfile", clientLeaf.chainPath, "--x509keyfile", clientLeaf.keyPath])
            try await expectRefused(client, server, alert: 48, serverReason: "Untrusted Root")
        }
    }

    @Test func alpnWithoutOverlapIsNoApplicationProtocol() async throws {
        var configuration = try fixture.serverConfiguration()
        configuration.applicationProtocols = ["h2"]
        try await LibraryServer.withServer(configuration) { server in
            let client = try await GnuTLSClient.run(port: server.port, caFile: fixture.rootPath, ["--alpn", "http/1.1"])
            try await expectRefused(client, server, alert: 120, serverReason: "no application protocol (ALPN)")
        }
    }

    @Test func tls12OnlyClientConnectsWithTLS12() async throws {
        try await LibraryServer.withServer(try fixture.serverConfiguration()) { server in
            let client = try await GnuTLSClient.run(
                port: server.port, caFile: fixture.rootPath, priority: "NORMAL:-VERS-ALL:+VERS-TLS1.2")
            expectConnected(client, server)
            #expect(description(client).hasPrefix("- Description: (TLS1.2"), "\(client.transcript)")
            let summary = try await server.log.firstSummary()
            #expect(summary.version == .tls12)
        }
    }

    @Test func tls11OnlyClientIsProtocolVersion() async throws {
        try await LibraryServer.withServer(try fixture.serverConfiguration()) { server in
            let client = try await GnuTLSClient.run(
                port: server.port, caFile: fixture.rootPath, priority: "NORMAL:-VERS-ALL:+VERS-TLS1.1")
            try await expectRefused(client, server, alert: 70, serverReason: "no TLS version in common")
        }
    }
}
