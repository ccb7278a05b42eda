import Foundation
import Testing
import TLSKit
import TLSKitNIO

/// TLSKit's server (`TLSServer.bind` on a real socket) against TLS 1.2 clients: `openssl
/// s_client -tls1_2` and `gnutls-cli` for each of the six ECDHE suites, RSA key exchange with
/// the legacy preset, the extended master secret, session-ID and ticket resumption, mutual
/// TLS, TLS_FALLBACK_SCSV, a refused renegotiation, and TLS 1.1 refused.
@Suite struct TLS12ServerInteropTests {
    let fixture: TestPKIFixture

    init() throws {
        fixture = try TestPKIFixture(kinds: [])
    }

    func path(_ name: String) -> String {
        fixture.directory.appendingPathComponent("\(name)-\(UUID().uuidString)").path
    }

    /// A TLS 1.2 s_client run: connected, verified, the library server's answer read.
    func expectConnected(_ client: PeerProcess, _ server: LibraryServer) {
        let output = client.standardOutput
        #expect(client.terminationStatus == 0, "\(client.transcript)\nserver saw: \(server.log.all)")
        #expect(output.contains("Verify return code: 0 (ok)"), "\(client.transcript)")
        #expect(output.contains("Protocol  : TLSv1.2"), "\(client.transcript)")
        #expect(output.contains("HTTP/1.1 200 OK"), "\(client.transcript)")
        #expect(output.contains("protocol: TLSv1.2"), "\(client.transcript)")
    }

    static let ecdheSuites: [(String, String, CipherSuite, DevelopmentKeyType)] = [
        ("ECDHE-ECDSA-AES128-GCM-SHA256", "AES-128-GCM", .tlsECDHEECDSAWithAES128GCMSHA256, .p256),
        ("ECDHE-ECDSA-AES256-GCM-SHA384", "AES-256-GCM", .tlsECDHEECDSAWithAES256GCMSHA384, .p256),
        ("ECDHE-ECDSA-CHACHA20-POLY1305", "CHACHA20-POLY1305", .tlsECDHEECDSAWithChaCha20Poly1305SHA256, .p256),
        ("ECDHE-RSA-AES128-GCM-SHA256", "AES-128-GCM", .tlsECDHERSAWithAES128GCMSHA256, .rsa2048),
        ("ECDHE-RSA-AES256-GCM-SHA384", "AES-256-GCM", .tlsECDHERSAWithAES256GCMSHA384, .rsa2048),
        ("ECDHE-RSA-CHACHA20-POLY1305", "CHACHA20-POLY1305", .tlsECDHERSAWithChaCha20Poly1305SHA256, .rsa2048),
    ]

    @Test(arguments: ecdheSuites)
    func opensslECDHESuite(_ opensslName: String, _ gnutlsName: String, _ suite: CipherSuite, _ key: DevelopmentKeyType)
        async throws
    {
        try await LibraryServer.withServer(try fixture.serverConfiguration([.good(key)])) { server in
            let client = try await OpenSSLClient.run(
                port: server.port, caFile: fixture.rootPath, version: "-tls1_2", ["-cipher", opensslName])
            expectConnected(client, server)
            #expect(client.standardOutput.contains("Cipher    : \(opensslName)"), "\(client.transcript)")
            #expect(client.standardOutput.contains("Extended master secret: yes"), "\(client.transcript)")
            #expect(client.standardOutput.contains("Secure Renegotiation IS supported"), "\(client.transcript)")
            let summary = try await server.log.firstSummary()
            #expect(summary.version == .tls12)
            #expect(summary.cipherSuite == suite)
            #expect(summary.extendedMasterSecret == true)
            #expect(summary.resumed == false)
        }
    }

    @Test(arguments: ecdheSuites)
    func gnutlsECDHESuite(_ opensslName: String, _ gnutlsName: String, _ suite: CipherSuite, _ key: DevelopmentKeyType)
        async throws
    {
        try await LibraryServer.withServer(try fixture.serverConfiguration([.good(key)])) { server in
            let kx = key.isRSA ? "ECDHE-RSA" : "ECDHE-ECDSA"
            let client = try await GnuTLSClient.run(
                port: server.port, caFile: fixture.rootPath,
                priority: "NORMAL:-VERS-ALL:+VERS-TLS1.2:-CIPHER-ALL:+\(gnutlsName):-KX-ALL:+\(kx)")
            #expect(client.terminationStatus == 0, "\(client.transcript)\nserver saw: \(server.log.all)")
            #expect(client.standardOutput.contains("- Status: The certificate is trusted."), "\(client.transcript)")
            #expect(client.standardOutput.contains("(TLS1.2"), "\(client.transcript)")
            #expect(client.standardOutput.contains("protocol: TLSv1.2"), "\(client.transcript)")
            let summary = try await server.log.firstSummary()
            #expect(summary.version == .tls12)
            #expect(summary.cipherSuite == suite)
            #expect(summary.extendedMasterSecret == true)
        }
    }

    /// ALPN is answered in the TLS 1.2 ServerHello (RFC 7301, Section 3.1).
    @Test func alpn() async throws {
        var configuration = try fixture.serverConfiguration()
        configuration.applicationProtocols = ["http/1.1"]
        try await LibraryServer.withServer(configuration) { server in
            let client = try await OpenSSLClient.run(
                port: server.port, caFile: fixture.rootPath, version: "-tls1_2", ["-alpn", "h2,http/1.1"])
            expectConnected(client, server)
            #expect(client.standardOutput.contains("ALPN protocol: http/1.1"), "\(client.transcript)")
            let summary = try await server.log.firstSummary()
            #expect(summary.applicationProtocol == "http/1.1")
        }
    }

    @Test func rsaKeyExchangeWithTheLegacyPreset() async throws {
        let configuration = TLSServerConfiguration.legacy(identities: [try fixture.serverIdentity(.good(.rsa2048))])
        try await LibraryServer.withServer(configuration) { server in
            let client = try await OpenSSLClient.run(
                port: server.port, caFile: fixture.rootPath, version: "-tls1_2", ["-cipher", "AES128-GCM-SHA256"])
            expectConnected(client, server)
            #expect(client.standardOutput.contains("Cipher    : AES128-GCM-SHA256"), "\(client.transcript)")
            let summary = try await server.log.firstSummary()
            #expect(summary.cipherSuite == .tlsRSAWithAES128GCMSHA256)
            #expect(summary.group == nil)
        }
    }

    @Test func rsaKeyExchangeIsRefusedByDefault() async throws {
        try await LibraryServer.withServer(try fixture.serverConfiguration([.good(.rsa2048)])) { server in
            let client = try await OpenSSLClient.run(
                port: server.port, caFile: fixture.rootPath, version: "-tls1_2", ["-cipher", "AES128-GCM-SHA256"])
            #expect(client.terminationStatus != 0, "\(client.transcript)")
            #expect((client.standardOutput + client.standardError).contains("SSL alert number 40"), "\(client.transcript)")
            #expect(try await server.log.firstFailure().contains("no cipher suite in common"))
        }
    }

    /// `-no_ticket`: the session ID, from the server's cache.
    @Test func sessionIDResumption() async throws {
        try await LibraryServer.withServer(try fixture.serverConfiguration()) { server in
            let session = path("tls12-session")
            let first = try await OpenSSLClient.run(
                port: server.port, caFile: fixture.rootPath, version: "-tls1_2", ["-no_ticket", "-sess_out", session])
            expectConnected(first, server)
            #expect(first.standardOutput.contains("New, TLSv1.2"), "\(first.transcript)")
            let second = try await OpenSSLClient.run(
                port: server.port, caFile: fixture.rootPath, version: "-tls1_2", ["-no_ticket", "-sess_in", session])
            #expect(second.terminationStatus == 0, "\(second.transcript)")
            #expect(second.standardOutput.contains("Reused, TLSv1.2"), "\(second.transcript)")
            #expect(second.standardOutput.contains("TLSKit library server"), "\(second.transcript)")
            let summaries = try await waitForSummaries(server, count: 2)
            #expect(summaries.map(\.resumed) == [false, true])
        }
    }

    /// RFC 5077 tickets; the session-ID cache is off, so only the ticket can resume.
    @Test func ticketResumption() async throws {
        var configuration = try fixture.serverConfiguration()
        configuration.sessionCache = nil
        try await LibraryServer.withServer(configuration) { server in
            let session = path("tls12-ticket")
            let first = try await OpenSSLClient.run(
                port: server.port, caFile: fixture.rootPath, version: "-tls1_2", ["-sess_out", session])
            expectConnected(first, server)
            #expect(first.standardOutput.contains("TLS session ticket lifetime hint"), "\(first.transcript)")
            let second = try await OpenSSLClient.run(
                port: server.port, caFile: fixture.rootPath, version: "-tls1_2", ["-sess_in", session])
            #expect(second.terminationStatus == 0, "\(second.transcript)")
            #expect(second.standardOutput.contains("Reused, TLSv1.2"), "\(second.transcript)")
            let summaries = try await waitForSummaries(server, count: 2)
            #expect(summaries.map(\.resumed) == [false, true])
        }
    }

    /// `gnutls-cli --resume`: a second connection resumes the first one's session, by ticket
    /// and by session ID (`%NO_TICKETS`).
    @Test(arguments: ["", ":%NO_TICKETS"])
    func gnutlsResumption(_ ticketOption: String) async throws {
        try await LibraryServer.withServer(try fixture.serverConfiguration()) { server in
            let client = try await GnuTLSClient.run(
                port: server.port, caFile: fixture.rootPath, priority: "NORMAL:-VERS-ALL:+VERS-TLS1.2\(ticketOption)",
                ["--resume"])
            #expect(client.terminationStatus == 0, "\(client.transcript)\nserver saw: \(server.log.all)")
            #expect(client.standardOutput.contains("*** This is a resumed session"), "\(client.transcript)")
            let summaries = try await waitForSummaries(server, count: 2)
            #expect(summaries.map(\.resumed) == [false, true])
        }
    }

    @Test func mutualTLS() async throws {
        var configuration = try fixture.serverConfiguration()
        configuration.clientAuthentication = .required(fixture.clientVerifier)
        let clientLeaf = try fixture.leaf(.client)
        try await LibraryServer.withServer(configuration) { server in
            let client = try await OpenSSLClient.run(
                port: server.port, caFile: fixture.rootPath, version: "-tls1_2", try fixture.opensslClientCertificateOptions())
            expectConnected(client, server)
            let summary = try await server.log.firstSummary()
            #expect(summary.peerCertificates == clientLeaf.chainDER)
            #expect(summary.signatureScheme != nil)
            guard case .trusted = summary.verification else {
                Issue.record("client chain not verified: \(String(describing: summary.verification))")
                return
            }
        }
    }

    @Test func mutualTLSWithoutACertificateIsRefused() async throws {
        var configuration = try fixture.serverConfiguration()
        configuration.clientAuthentication = .required(fixture.clientVerifier)
        try await LibraryServer.withServer(configuration) { server in
            let client = try await OpenSSLClient.run(port: server.port, caFile: fixture.rootPath, version: "-tls1_2")
            #expect(client.terminationStatus != 0, "\(client.transcript)")
            #expect((client.standardOutput + client.standardError).contains("SSL alert number 40"), "\(client.transcript)")
            #expect(try await server.log.firstFailure().contains("the client sent no certificate"))
        }
    }

    @Test func fallbackSCSVIsInappropriateFallback() async throws {
        try await LibraryServer.withServer(try fixture.serverConfiguration()) { server in
            let client = try await OpenSSLClient.run(
                port: server.port, caFile: fixture.rootPath, version: "-tls1_2", ["-fallback_scsv"])
            #expect(client.terminationStatus != 0, "\(client.transcript)")
            let output = client.standardOutput + client.standardError
            #expect(output.contains("inappropriate fallback"), "\(client.transcript)")
            #expect(output.contains("SSL alert number 86"), "\(client.transcript)")
            #expect(try await server.log.firstFailure().contains("RFC 7507"))
        }
    }

    @Test func fallbackSCSVIsFineWhenTheServerIsCappedAtTLS12() async throws {
        var configuration = try fixture.serverConfiguration()
        configuration.versions = [.tls12]
        try await LibraryServer.withServer(configuration) { server in
            let client = try await OpenSSLClient.run(
                port: server.port, caFile: fixture.rootPath, version: "-tls1_2", ["-fallback_scsv"])
            expectConnected(client, server)
        }
    }

    /// s_client's `R` command starts a renegotiation; the server answers no_renegotiation and
    /// never completes a second handshake.
    @Test func renegotiationIsRefused() async throws {
        try await LibraryServer.withServer(try fixture.serverConfiguration()) { server in
            let arguments = [
                "s_client", "-tls1_2", "-connect", "127.0.0.1:\(server.port)", "-servername", "localhost",
                "-CAfile", fixture.rootPath,
            ]
            let client = try await PeerProcess.run(try PeerTools.openssl(), arguments, stdin: Data("R\n".utf8))
            #expect(client.standardOutput.contains("Protocol  : TLSv1.2"), "\(client.transcript)")
            #expect(client.standardError.contains("RENEGOTIATING"), "\(client.transcript)")
            _ = try await server.log.firstSummary()
            try await Task.sleep(for: .milliseconds(200))
            #expect(server.log.summaries.count == 1, "\(server.log.all)")
        }
    }

    @Test func tls11ClientIsProtocolVersion() async throws {
        try await LibraryServer.withServer(try fixture.serverConfiguration()) { server in
            let client = try await OpenSSLClient.run(
                port: server.port, caFile: fixture.rootPath, version: "-tls1_1", ["-cipher", "DEFAULT@SECLEVEL=0"])
            #expect(client.terminationStatus != 0, "\(client.transcript)")
            #expect((client.standardOutput + client.standardError).contains("SSL alert number 70"), "\(client.transcript)")
            let reason = try await server.log.firstFailure()
            #expect(reason.contains("only TLSv1.1"), "\(reason)")
        }
    }

    func waitForSummaries(_ server: LibraryServer, count: Int) async throws -> [HandshakeSummary] {
        let deadline = ContinuousClock.now + InteropTimeouts.peer
        while server.log.summaries.count < count, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        return server.log.summaries
    }
}
