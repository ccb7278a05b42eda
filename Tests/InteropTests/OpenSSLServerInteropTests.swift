import Crypto
import Foundation
import Testing
import TLSKit
import TLSKitNIO

/// TLSKit's client against `openssl s_server -tls1_3` (OpenSSL 3): every cipher suite, the
/// groups X25519, P-256 and P-384, a HelloRetryRequest, ALPN, every leaf key type and a large
/// response read to its end.
@Suite struct OpenSSLServerInteropTests {
    let fixture: TestPKIFixture

    init() throws {
        fixture = try TestPKIFixture(kinds: [])
    }

    /// `GET / HTTP/1.0` against `s_server -www`, whose status page names the negotiated suite.
    func fetchStatusPage(_ connection: TLSClientConnection) async throws -> String {
        let response = try await InteropClient.exchange(connection, sending: Array("GET / HTTP/1.0\r\n\r\n".utf8))
        return String(decoding: response, as: UTF8.self)
    }

    @Test(arguments: CipherSuite.tls13Suites)
    func cipherSuite(_ suite: CipherSuite) async throws {
        let leaf = try fixture.leaf(.good(.p256))
        let (server, port) = try await OpenSSLServer.start(serving: leaf, ["-www", "-ciphersuites", suite.description])
        defer { server.stop() }

        let connection = try await InteropClient.connect(port: port, configuration: InteropClient.configuration(trusting: fixture))
        #expect(connection.summary.version == .tls13)
        #expect(connection.summary.cipherSuite == suite)
        #expect(connection.summary.serverName == "localhost")
        guard case .trusted(let chain) = connection.summary.verification else {
            Issue.record("not verified: \(String(describing: connection.summary.verification))")
            return
        }
        #expect(chain.count == 3)
        let page = try await fetchStatusPage(connection)
        #expect(page.hasPrefix("HTTP/1.0 200 ok"), "\(page.prefix(200))")
        #expect(page.contains("Cipher is \(suite)"), "\(page)\n\(server.transcript)")
    }

    @Test(arguments: [
        ("X25519", NamedGroup.x25519),
        ("P-256", .secp256r1),
        ("P-384", .secp384r1),
    ])
    func group(_ opensslName: String, _ group: NamedGroup) async throws {
        let leaf = try fixture.leaf(.good(.p256))
        let (server, port) = try await OpenSSLServer.start(serving: leaf, ["-www", "-groups", opensslName])
        defer { server.stop() }

        var configuration = InteropClient.configuration(trusting: fixture)
        configuration.keyShareGroups = [group]
        let connection = try await InteropClient.connect(port: port, configuration: configuration)
        #expect(connection.summary.group == group)
        #expect(connection.summary.helloRetryRequested == false)
        let page = try await fetchStatusPage(connection)
        #expect(page.contains("s_server"), "\(page)")
    }

    /// The default client shares X25519MLKEM768 and X25519; a server that accepts only P-384
    /// must ask for it with a HelloRetryRequest.
    @Test func helloRetryRequestForTheServersGroup() async throws {
        let leaf = try fixture.leaf(.good(.p256))
        let (server, port) = try await OpenSSLServer.start(serving: leaf, ["-www", "-groups", "P-384"])
        defer { server.stop() }

        let configuration = InteropClient.configuration(trusting: fixture)
        #expect(!configuration.keyShareGroups.contains(.secp384r1))
        let connection = try await InteropClient.connect(port: port, configuration: configuration)
        #expect(connection.summary.helloRetryRequested)
        #expect(connection.summary.group == .secp384r1)
        let page = try await fetchStatusPage(connection)
        #expect(page.contains("s_server"), "\(page)")
    }

    /// s_server picks the first of its own protocols that the client offers (server preference).
    @Test(arguments: [
        (["h2"], "h2"),
        (["http/1.1", "h2"], "h2"),
        (["http/1.1"], "http/1.1"),
    ])
    func alpn(_ offered: [String], _ expected: String) async throws {
        let leaf = try fixture.leaf(.good(.p256))
        let (server, port) = try await OpenSSLServer.start(serving: leaf, ["-www", "-alpn", "h2,http/1.1"])
        defer { server.stop() }

        var configuration = InteropClient.configuration(trusting: fixture)
        configuration.applicationProtocols = offered
        let connection = try await InteropClient.connect(port: port, configuration: configuration)
        #expect(connection.summary.applicationProtocol == expected)
        try await connection.close()
    }

    @Test func noALPNWhenTheClientOffersNone() async throws {
        let leaf = try fixture.leaf(.good(.p256))
        let (server, port) = try await OpenSSLServer.start(serving: leaf, ["-www", "-alpn", "h2,http/1.1"])
        defer { server.stop() }

        let connection = try await InteropClient.connect(port: port, configuration: InteropClient.configuration(trusting: fixture))
        #expect(connection.summary.applicationProtocol == nil)
        try await connection.close()
    }

    @Test(arguments: DevelopmentKeyType.allCases)
    func leafKeyType(_ keyType: DevelopmentKeyType) async throws {
        let leaf = try fixture.leaf(.good(keyType))
        let (server, port) = try await OpenSSLServer.start(serving: leaf, ["-www"])
        defer { server.stop() }

        let connection = try await InteropClient.connect(port: port, configuration: InteropClient.configuration(trusting: fixture))
        let scheme = try #require(connection.summary.signatureScheme)
        switch keyType {
        case .p256: #expect(scheme == .ecdsaSecp256r1SHA256)
        case .p384: #expect(scheme == .ecdsaSecp384r1SHA384)
        case .rsa2048, .rsa3072: #expect([.rsaPSSRSAESHA256, .rsaPSSRSAESHA384, .rsaPSSRSAESHA512].contains(scheme), "\(scheme)")
        case .ed25519: #expect(scheme == .ed25519)
        }
        #expect(connection.summary.peerCertificates == leaf.chainDER)
        let page = try await fetchStatusPage(connection)
        #expect(page.contains("s_server"), "\(page)")
    }

    /// `s_server -WWW` serves a 1.5 MiB file; every byte after the header arrives, up to the
    /// server's close_notify.
    @Test func largeResponseIsReadToTheEnd() async throws {
        let leaf = try fixture.leaf(.good(.p256))
        let file = SymmetricKey(size: SymmetricKeySize(bitCount: 1_536 * 1024 * 8)).withUnsafeBytes { Array($0) }
        try Data(file).write(to: fixture.directory.appendingPathComponent("large.bin"))
        let (server, port) = try await OpenSSLServer.start(
            serving: leaf, ["-WWW"], currentDirectory: fixture.directory.path)
        defer { server.stop() }

        let connection = try await InteropClient.connect(port: port, configuration: InteropClient.configuration(trusting: fixture))
        let response = try await InteropClient.exchange(connection, sending: Array("GET /large.bin HTTP/1.0\r\n\r\n".utf8))
        let (header, body) = try InteropClient.splitHTTPResponse(response)
        #expect(header.hasPrefix("HTTP/1.0 200 ok"), "\(header)")
        #expect(body.count == file.count)
        #expect(Array(SHA256.hash(data: body)) == Array(SHA256.hash(data: file)))
    }
}
