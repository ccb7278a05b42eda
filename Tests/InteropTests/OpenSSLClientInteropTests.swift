import Testing
import TLSKit
import TLSKitNIO

/// `openssl s_client -tls1_3` (OpenSSL 3) against TLSKit's server (`TLSServer.bind` on a real
/// socket): every cipher suite, the groups, every server key type, HelloRetryRequest and a
/// group mismatch, ALPN, SNI, mutual TLS, and a TLS 1.2-only client; each refusal with its alert.
@Suite struct OpenSSLClientInteropTests {
    let fixture: TestPKIFixture

    init() throws {
        fixture = try TestPKIFixture(kinds: [])
    }

    /// s_client's output, then the transcript of the run for failure messages.
    func expectConnected(_ client: PeerProcess, _ server: LibraryServer) {
        let output = client.standardOutput
        #expect(client.terminationStatus == 0, "\(client.transcript)\nserver saw: \(server.log.all)")
        #expect(output.contains("Verify return code: 0 (ok)"), "\(client.transcript)")
        #expect(output.contains("HTTP/1.1 200 OK"), "\(client.transcript)")
        #expect(output.contains("TLSKit library server"), "\(client.transcript)")
    }

    /// A refused client: s_client fails, names the alert, and the server reports why.
    func expectRefused(
        _ client: PeerProcess, _ server: LibraryServer, alert: String, number: Int, serverReason: String
    ) async throws {
        let output = client.standardOutput + client.standardError
        #expect(client.terminationStatus != 0, "\(client.transcript)")
        #expect(output.contains(alert), "\(client.transcript)")
        #expect(output.contains("SSL alert number \(number)"), "\(client.transcript)")
        #expect(!output.contains("TLSKit library server"), "\(client.transcript)")
        let reason = try await server.log.firstFailure()
        #expect(reason.contains(serverReason), "\(reason)")
        #expect(server.log.summaries.isEmpty)
    }

    @Test(arguments: CipherSuite.tls13Suites)
    func cipherSuite(_ suite: CipherSuite) async throws {
        try await LibraryServer.withServer(try fixture.serverConfiguration()) { server in
            let client = try await OpenSSLClient.run(port: server.port, caFile: fixture.rootPath, ["-ciphersuites", "\(suite)"])
            expectConnected(client, server)
            #expect(client.standardOutput.contains("New, TLSv1.3, Cipher is \(suite)"), "\(client.transcript)")
            #expect(client.standardOutput.contains("cipher: \(suite)"), "\(client.transcript)")
            let summary = try await server.log.firstSummary()
            #expect(summary.version == .tls13)
            #expect(summary.cipherSuite == suite)
            #expect(summary.serverName == "localhost")
            #expect(summary.role == .server)
        }
    }

    @Test(arguments: [
        ("X25519", NamedGroup.x25519, "Server Temp Key: X25519, 253 bits"),
        ("P-256", .secp256r1, "Server Temp Key: ECDH, prime256v1, 256 bits"),
        ("P-384", .secp384r1, "Server Temp Key: ECDH, secp384r1, 384 bits"),
    ])
    func group(_ opensslName: String, _ group: NamedGroup, _ clientSays: String) async throws {
        try await LibraryServer.withServer(try fixture.serverConfiguration()) { server in
            let client = try await OpenSSLClient.run(port: server.port, caFile: fixture.rootPath, ["-groups", opensslName])
            expectConnected(client, server)
            #expect(client.standardOutput.contains(clientSays), "\(client.transcript)")
            let summary = try await server.log.firstSummary()
            #expect(summary.group == group)
            #expect(summary.helloRetryRequested == false)
        }
    }

    @Test(arguments: [
        (DevelopmentKeyType.p256, SignatureScheme.ecdsaSecp256r1SHA256, "ECDSA", "SHA256" as String?),
        (.p384, .ecdsaSecp384r1SHA384, "ECDSA", "SHA384"),
        (.rsa2048, .rsaPSSRSAESHA256, "RSA-PSS", "SHA256"),
        (.ed25519, .ed25519, "ed25519", nil),
    ])
    func serverKeyType(_ keyType: DevelopmentKeyType, _ scheme: SignatureScheme, _ signatureType: String, _ digest: String?)
        async throws
    {
        try await LibraryServer.withServer(try fixture.serverConfiguration([.good(keyType)])) { server in
            let client = try await OpenSSLClient.run(port: server.port, caFile: fixture.rootPath)
            expectConnected(client, server)
            #expect(client.standardOutput.contains("Peer signature type: \(signatureType)\n"), "\(client.transcript)")
            if let digest {
                #expect(client.standardOutput.contains("Peer signing digest: \(digest)\n"), "\(client.transcript)")
            }
            let summary = try await server.log.firstSummary()
            #expect(summary.localSignatureScheme == scheme)
        }
    }

    /// s_client sends a key share for the first of its groups only. With `-groups P-384:X25519`
    /// it shares P-384 and also supports X25519, which the server ranks higher: the server asks
    /// for X25519 with a HelloRetryRequest (two ClientHellos in `-msg`). A server accepting only
    /// P-384 asks a client that shared X25519 for it the same way; with `requestPreferredGroup`
    /// off the P-384 share is used at once.
    @Test(arguments: [
        ("P-384:X25519", nil as [NamedGroup]?, true, NamedGroup.x25519, "Server Temp Key: X25519, 253 bits"),
        ("X25519:P-384", [.secp384r1], true, .secp384r1, "Server Temp Key: ECDH, secp384r1, 384 bits"),
        ("P-384:X25519", [], false, .secp384r1, "Server Temp Key: ECDH, secp384r1, 384 bits"),
    ])
    func helloRetryRequest(
        _ clientGroups: String, _ serverGroups: [NamedGroup]?, _ retry: Bool, _ group: NamedGroup, _ clientSays: String
    ) async throws {
        var configuration = try fixture.serverConfiguration()
        if let serverGroups, !serverGroups.isEmpty {
            configuration.supportedGroups = serverGroups
        }
        if !retry {
            configuration.requestPreferredGroup = false
        }
        try await LibraryServer.withServer(configuration) { server in
            let client = try await OpenSSLClient.run(
                port: server.port, caFile: fixture.rootPath, ["-groups", clientGroups, "-msg"])
            expectConnected(client, server)
            #expect(client.standardOutput.contains(clientSays), "\(client.transcript)")
            let clientHellos = client.standardOutput.components(separatedBy: ", ClientHello").count - 1
            #expect(clientHellos == (retry ? 2 : 1), "\(client.transcript)")
            let summary = try await server.log.firstSummary()
            #expect(summary.helloRetryRequested == retry)
            #expect(summary.group == group)
            #expect(client.standardOutput.contains("hrr: \(retry ? "yes" : "no")"), "\(client.transcript)")
        }
    }

    /// A server that accepts only X25519 and a client that supports only P-256: handshake_failure.
    @Test func noCommonGroupIsHandshakeFailure() async throws {
        var configuration = try fixture.serverConfiguration()
        configuration.supportedGroups = [.x25519]
        try await LibraryServer.withServer(configuration) { server in
            let client = try await OpenSSLClient.run(port: server.port, caFile: fixture.rootPath, ["-groups", "P-256"])
            try await expectRefused(
                client, server, alert: "alert handshake failure", number: 40,
                serverReason: "no key exchange group in common")
        }
    }

    /// The server prefers h2, then http/1.1 (RFC 7301: the server's preference decides).
    @Test(arguments: [("h2", "h2"), ("http/1.1", "http/1.1"), ("http/1.1,h2", "h2")])
    func alpn(_ offered: String, _ expected: String) async throws {
        var configuration = try fixture.serverConfiguration()
        configuration.applicationProtocols = ["h2", "http/1.1"]
        try await LibraryServer.withServer(configuration) { server in
            let client = try await OpenSSLClient.run(port: server.port, caFile: fixture.rootPath, ["-alpn", offered])
            expectConnected(client, server)
            #expect(client.standardOutput.contains("ALPN protocol: \(expected)\n"), "\(client.transcript)")
            let summary = try await server.log.firstSummary()
            #expect(summary.applicationProtocol == expected)
        }
    }

    @Test func alpnWithoutOverlapIsNoApplicationProtocol() async throws {
        var configuration = try fixture.serverConfiguration()
        configuration.applicationProtocols = ["h2", "http/1.1"]
        try await LibraryServer.withServer(configuration) { server in
            let client = try await OpenSSLClient.run(port: server.port, caFile: fixture.rootPath, ["-alpn", "spdy/3,imap"])
            try await expectRefused(
                client, server, alert: "alert no application protocol", number: 120,
                serverReason: "no application protocol (ALPN) in common")
        }
    }

    /// Two certificates, for a.example and b.example: each name gets its own leaf.
    @Test(arguments: ["a.example", "b.example"])
    func sniChoosesTheCertificate(_ name: String) async throws {
        let configuration = try fixture.serverConfiguration([.named("a.example"), .named("b.example")])
        try await LibraryServer.withServer(configuration) { server in
            let client = try await OpenSSLClient.run(port: server.port, caFile: fixture.rootPath, serverName: name)
            expectConnected(client, server)
            #expect(client.standardOutput.contains("subject=CN = \(name)\n"), "\(client.transcript)")
            #expect(client.standardOutput.contains("sni: \(name)"), "\(client.transcript)")
            let summary = try await server.log.firstSummary()
            #expect(summary.serverName == name)
        }
    }

    @Test(arguments: [true, false])
    func mutualTLSWithAClientCertificate(_ required: Bool) async throws {
        var configuration = try fixture.serverConfiguration()
        configuration.clientAuthentication = required ? .required(fixture.clientVerifier) : .optional(fixture.clientVerifier)
        let clientLeaf = try fixture.leaf(.client)
        try await LibraryServer.withServer(configuration) { server in
            let client = try await OpenSSLClient.run(
                port: server.port, caFile: fixture.rootPath, try fixture.opensslClientCertificateOptions())
            expectConnected(client, server)
            #expect(client.standardOutput.contains("client: CN=TLSKit Interop Client"), "\(client.transcript)")
            let summary = try await server.log.firstSummary()
            #expect(summary.peerCertificates == clientLeaf.chainDER)
            #expect(summary.signatureScheme == .ecdsaSecp256r1SHA256)
            guard case .trusted = summary.verification else {
                Issue.record("client chain not verified: \(String(describing: summary.verification))")
                return
            }
        }
    }

    @Test func optionalMutualTLSWithoutACertificate() async throws {
        var configuration = try fixture.serverConfiguration()
        configuration.clientAuthentication = .optional(fixture.clientVerifier)
        try await LibraryServer.withServer(configuration) { server in
            let client = try await OpenSSLClient.run(port: server.port, caFile: fixture.rootPath)
            expectConnected(client, server)
            // The server asked (CertificateRequest) but did not insist.
            #expect(client.standardOutput.contains("Requested Signature Algorithms:"), "\(client.transcript)")
            #expect(client.standardOutput.contains("client: none"), "\(client.transcript)")
            let summary = try await server.log.firstSummary()
            #expect(summary.peerCertificates.isEmpty)
        }
    }

    @Test func requiredClientCertificateMissingIsCertificateRequired() async throws {
        var configuration = try fixture.serverConfiguration()
        configuration.clientAuthentication = .required(fixture.clientVerifier)
        try await LibraryServer.withServer(configuration) { server in
            let client = try await OpenSSLClient.run(port: server.port, caFile: fixture.rootPath)
            try await expectRefused(
                client, server, alert: "alert certificate required", number: 116,
                serverReason: "the client sent no certificate")
        }
    }

    /// A client certificate from a CA the server does not trust: unknown_ca, required or optional.
    @Test(arguments: [true, false])
    func untrustedClientCertificateIsUnknownCA(_ required: Bool) async throws {
        var configuration = try fixture.serverConfiguration()
        configuration.clientAuthentication = required ? .required(fixture.clientVerifier) : .optional(fixture.clientVerifier)
        try await LibraryServer.withServer(configuration) { server in
            let client = try await OpenSSLClient.run(
                port: server.port, caFile: fixture.rootPath, try fixture.opensslClientCertificateOptions(.untrustedClient))
            try await expectRefused(
                client, server, alert: "alert unknown ca", number: 48, serverReason: "Untrusted Root")
        }
    }

    /// A client speaking only TLS 1.2 connects with TLS 1.2 (TLS12ServerInteropTests has the rest).
    @Test func tls12OnlyClientConnectsWithTLS12() async throws {
        try await LibraryServer.withServer(try fixture.serverConfiguration()) { server in
            let client = try await OpenSSLClient.run(port: server.port, caFile: fixture.rootPath, version: "-tls1_2")
            expectConnected(client, server)
            #expect(client.standardOutput.contains("Protocol  : TLSv1.2"), "\(client.transcript)")
            let summary = try await server.log.firstSummary()
            #expect(summary.version == .tls12)
        }
    }

    /// A client speaking only TLS 1.1 gets protocol_version.
    @Test func tls11OnlyClientIsProtocolVersion() async throws {
        try await LibraryServer.withServer(try fixture.serverConfiguration()) { server in
            let client = try await OpenSSLClient.run(
                port: server.port, caFile: fixture.rootPath, version: "-tls1_1", ["-cipher", "DEFAULT@SECLEVEL=0"])
            try await expectRefused(
                client, server, alert: "alert protocol version", number: 70, serverReason: "no TLS version in common")
        }
    }
}
