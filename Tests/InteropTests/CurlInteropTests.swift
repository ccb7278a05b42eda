import Testing
import TLSKit
import TLSKitNIO

/// `curl --tlsv1.3` (OpenSSL 3 backend) against TLSKit's server (`TLSServer.bind` on a real
/// socket): each cipher suite and group, ALPN, SNI, mutual TLS, and refusals.
@Suite struct CurlInteropTests {
    let fixture: TestPKIFixture

    init() throws {
        fixture = try TestPKIFixture(kinds: [])
    }

    func expectOK(_ result: CurlClient.Result, _ server: LibraryServer) {
        #expect(result.process.terminationStatus == 0, "\(result.process.transcript)\nserver saw: \(server.log.all)")
        #expect(result.httpCode == 200, "\(result.process.transcript)")
        #expect(result.sslVerifyResult == 0, "\(result.process.transcript)")
        #expect(result.body.hasPrefix("TLSKit library server\nrequest: GET / HTTP/1.1\n"), "\(result.process.transcript)")
    }

    @Test(arguments: CipherSuite.tls13Suites)
    func cipherSuite(_ suite: CipherSuite) async throws {
        try await LibraryServer.withServer(try fixture.serverConfiguration()) { server in
            let result = try await CurlClient.run(port: server.port, caFile: fixture.rootPath, ["--tls13-ciphers", "\(suite)"])
            expectOK(result, server)
            #expect(result.verbose.contains("SSL connection using TLSv1.3 / \(suite)"), "\(result.process.transcript)")
            #expect(result.body.contains("cipher: \(suite)\n"), "\(result.process.transcript)")
            #expect(try await server.log.firstSummary().cipherSuite == suite)
        }
    }

    @Test(arguments: [("X25519", NamedGroup.x25519), ("P-256", .secp256r1), ("P-384", .secp384r1)])
    func group(_ curlName: String, _ group: NamedGroup) async throws {
        try await LibraryServer.withServer(try fixture.serverConfiguration()) { server in
            let result = try await CurlClient.run(port: server.port, caFile: fixture.rootPath, ["--curves", curlName])
            expectOK(result, server)
            #expect(result.body.contains("group: \(group)\n"), "\(result.process.transcript)")
            #expect(try await server.log.firstSummary().group == group)
        }
    }

    /// `--http1.1` offers http/1.1 alone; `--http2` offers h2 and http/1.1 to a server that has only http/1.1.
    @Test(arguments: [(["h2", "http/1.1"], "--http1.1"), (["http/1.1"], "--http2")])
    func alpnHTTP1(_ serverProtocols: [String], _ curlOption: String) async throws {
        var configuration = try fixture.serverConfiguration()
        configuration.applicationProtocols = serverProtocols
        try await LibraryServer.withServer(configuration) { server in
            let result = try await CurlClient.run(port: server.port, caFile: fixture.rootPath, [curlOption])
            expectOK(result, server)
            #expect(result.verbose.contains("ALPN: server accepted http/1.1"), "\(result.process.transcript)")
            #expect(try await server.log.firstSummary().applicationProtocol == "http/1.1")
        }
    }

    @Test func alpnWithoutOverlapIsRefused() async throws {
        var configuration = try fixture.serverConfiguration()
        configuration.applicationProtocols = ["h2"]
        try await LibraryServer.withServer(configuration) { server in
            let result = try await CurlClient.run(port: server.port, caFile: fixture.rootPath, ["--http1.1"])
            #expect(result.process.terminationStatus == 35, "\(result.process.transcript)")
            #expect(result.verbose.contains("alert no application protocol"), "\(result.process.transcript)")
            #expect(try await server.log.firstFailure().contains("no application protocol (ALPN)"))
        }
    }

    @Test(arguments: ["a.example", "b.example"])
    func sniChoosesTheCertificate(_ name: String) async throws {
        let configuration = try fixture.serverConfiguration([.named("a.example"), .named("b.example")])
        try await LibraryServer.withServer(configuration) { server in
            let result = try await CurlClient.run(port: server.port, caFile: fixture.rootPath, host: name)
            expectOK(result, server)
            #expect(result.verbose.contains("subject: CN=\(name)\n"), "\(result.process.transcript)")
            #expect(try await server.log.firstSummary().serverName == name)
        }
    }

    @Test func requiredClientCertificate() async throws {
        var configuration = try fixture.serverConfiguration()
        configuration.clientAuthentication = .required(fixture.clientVerifier)
        let clientLeaf = try fixture.leaf(.client)
        try await LibraryServer.withServer(configuration) { server in
            let result = try await CurlClient.run(
                port: server.port, caFile: fixture.rootPath, ["--cert", clientLeaf.chainPath, "--key", clientLeaf.keyPath])
            expectOK(result, server)
            #expect(result.body.contains("client: CN=TLSKit Interop Client\n"), "\(result.process.transcript)")
        }
    }

    @Test func requiredClientCertificateMissingIsCertificateRequired() async throws {
        var configuration = try fixture.serverConfiguration()
        configuration.clientAuthentication = .required(fixture.clientVerifier)
        try await LibraryServer.withServer(configuration) { server in
            let result = try await CurlClient.run(port: server.port, caFile: fixture.rootPath)
            #expect(result.process.terminationStatus != 0, "\(result.process.transcript)")
            #expect(result.verbose.contains("alert certificate required"), "\(result.process.transcript)")
            #expect(try await server.log.firstFailure().contains("the client sent no certificate"))
        }
    }

    @Test func tls12OnlyClientConnectsWithTLS12() async throws {
        try await LibraryServer.withServer(try fixture.serverConfiguration()) { server in
            // --tlsv1.2 sets the minimum, --tls-max the maximum (the later --tlsv1.3 minimum is replaced).
            let result = try await CurlClient.run(
                port: server.port, caFile: fixture.rootPath, ["--tlsv1.2", "--tls-max", "1.2"])
            #expect(result.process.terminationStatus == 0, "\(result.process.transcript)")
            #expect(result.httpCode == 200, "\(result.process.transcript)")
            #expect(result.verbose.contains("TLSv1.2"), "\(result.process.transcript)")
            #expect(result.body.contains("protocol: TLSv1.2"), "\(result.process.transcript)")
            let summary = try await server.log.firstSummary()
            #expect(summary.version == .tls12)
            #expect(summary.extendedMasterSecret == true)
        }
    }
}
