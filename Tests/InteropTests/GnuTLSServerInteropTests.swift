import Crypto
import Foundation
import Testing
import TLSKit
import TLSKitNIO

/// TLSKit's client against `gnutls-serv` (GnuTLS 3.7) restricted to TLS 1.3: each cipher suite,
/// the groups, a HelloRetryRequest, RSA and Ed25519 leaves, an echo round trip and an HTTP GET.
@Suite struct GnuTLSServerInteropTests {
    let fixture: TestPKIFixture

    init() throws {
        fixture = try TestPKIFixture(kinds: [])
    }

    /// Sends a line to `gnutls-serv --echo` and reads until it comes back.
    /// On a mismatch the failure shows `server`'s output, which says what it saw.
    func echoRoundTrip(_ connection: TLSClientConnection, _ line: String = "hello from TLSKit\n", server: PeerProcess) async throws {
        let expected = Array(line.utf8)
        let received = try await InteropClient.exchange(connection, sending: expected) { $0.count >= expected.count }
        #expect(received == expected, "received \(String(decoding: received, as: UTF8.self).debugDescription)\n\(server.transcript)")
    }

    @Test(arguments: [
        ("AES-128-GCM", CipherSuite.tlsAES128GCMSHA256),
        ("AES-256-GCM", .tlsAES256GCMSHA384),
        ("CHACHA20-POLY1305", .tlsChaCha20Poly1305SHA256),
    ])
    func cipherSuite(_ gnutlsName: String, _ suite: CipherSuite) async throws {
        let leaf = try fixture.leaf(.good(.p256))
        let (server, port) = try await GnuTLSServer.start(
            serving: leaf, priority: GnuTLSServer.tls13Only + ":-CIPHER-ALL:+\(gnutlsName)")
        defer { server.stop() }

        let connection = try await InteropClient.connect(port: port, configuration: InteropClient.configuration(trusting: fixture))
        #expect(connection.summary.version == .tls13)
        #expect(connection.summary.cipherSuite == suite)
        guard case .trusted = connection.summary.verification else {
            Issue.record("not verified: \(String(describing: connection.summary.verification))")
            return
        }
        try await echoRoundTrip(connection, server: server)
    }

    @Test(arguments: [
        ("GROUP-X25519", NamedGroup.x25519),
        ("GROUP-SECP256R1", .secp256r1),
        ("GROUP-SECP384R1", .secp384r1),
    ])
    func group(_ gnutlsName: String, _ group: NamedGroup) async throws {
        let leaf = try fixture.leaf(.good(.p256))
        let (server, port) = try await GnuTLSServer.start(
            serving: leaf, priority: GnuTLSServer.tls13Only + ":-GROUP-ALL:+\(gnutlsName)")
        defer { server.stop() }

        var configuration = InteropClient.configuration(trusting: fixture)
        configuration.keyShareGroups = [group]
        let connection = try await InteropClient.connect(port: port, configuration: configuration)
        #expect(connection.summary.group == group)
        #expect(connection.summary.helloRetryRequested == false)
        try await echoRoundTrip(connection, server: server)
    }

    /// GnuTLS 3.7 knows no X25519MLKEM768; with only P-256 allowed it must retry for it.
    @Test func helloRetryRequestForTheServersGroup() async throws {
        let leaf = try fixture.leaf(.good(.p256))
        let (server, port) = try await GnuTLSServer.start(
            serving: leaf, priority: GnuTLSServer.tls13Only + ":-GROUP-ALL:+GROUP-SECP256R1")
        defer { server.stop() }

        let connection = try await InteropClient.connect(port: port, configuration: InteropClient.configuration(trusting: fixture))
        #expect(connection.summary.helloRetryRequested)
        #expect(connection.summary.group == .secp256r1)
        try await echoRoundTrip(connection, server: server)
    }

    @Test(arguments: [DevelopmentKeyType.rsa2048, .ed25519, .p384])
    func leafKeyType(_ keyType: DevelopmentKeyType) async throws {
        let leaf = try fixture.leaf(.good(keyType))
        let (server, port) = try await GnuTLSServer.start(serving: leaf)
        defer { server.stop() }

        let connection = try await InteropClient.connect(port: port, configuration: InteropClient.configuration(trusting: fixture))
        let scheme = try #require(connection.summary.signatureScheme)
        switch keyType {
        case .rsa2048, .rsa3072: #expect([.rsaPSSRSAESHA256, .rsaPSSRSAESHA384, .rsaPSSRSAESHA512].contains(scheme), "\(scheme)")
        case .ed25519: #expect(scheme == .ed25519)
        case .p384: #expect(scheme == .ecdsaSecp384r1SHA384)
        case .p256: #expect(scheme == .ecdsaSecp256r1SHA256)
        }
        #expect(connection.summary.peerCertificates == leaf.chainDER)
        try await echoRoundTrip(connection, server: server)
    }

    /// About 340 KiB of text lines through `gnutls-serv --echo`, many full records each way
    /// (its echo mode handles text lines, not arbitrary binary data).
    @Test func largeEchoRoundTrip() async throws {
        let leaf = try fixture.leaf(.good(.p256))
        let (server, port) = try await GnuTLSServer.start(serving: leaf)
        defer { server.stop() }

        let random = SymmetricKey(size: SymmetricKeySize(bitCount: 256 * 1024 * 8)).withUnsafeBytes { Data($0) }
        let text = random.base64EncodedString(options: .lineLength76Characters).replacingOccurrences(of: "\r\n", with: "\n") + "\n"
        let payload = Array(text.utf8)
        let connection = try await InteropClient.connect(port: port, configuration: InteropClient.configuration(trusting: fixture))
        let received = try await InteropClient.exchange(connection, sending: payload) { $0.count >= payload.count }
        #expect(received.count == payload.count)
        #expect(Array(SHA256.hash(data: received)) == Array(SHA256.hash(data: payload)))
    }

    /// `gnutls-serv --http` answers a GET with its status page naming the session's parameters,
    /// then sends close_notify, which ends the read.
    @Test func httpStatusPage() async throws {
        let leaf = try fixture.leaf(.good(.p256))
        let (server, port) = try await GnuTLSServer.start(
            serving: leaf, priority: GnuTLSServer.tls13Only + ":-CIPHER-ALL:+CHACHA20-POLY1305", mode: "--http")
        defer { server.stop() }

        let connection = try await InteropClient.connect(port: port, configuration: InteropClient.configuration(trusting: fixture))
        #expect(connection.summary.group == .x25519)
        let response = try await InteropClient.exchange(connection, sending: Array("GET / HTTP/1.0\r\nHost: localhost\r\n\r\n".utf8))
        let (header, body) = try InteropClient.splitHTTPResponse(response)
        let page = String(decoding: body, as: UTF8.self)
        #expect(header.hasPrefix("HTTP/1.0 200 OK"), "\(header)")
        #expect(page.contains("<TD>Protocol version:</TD><TD>TLS1.3</TD>"), "\(page)")
        #expect(page.contains("(ECDHE-X25519)"), "\(page)")
        #expect(page.contains("<TD>Cipher</TD><TD>CHACHA20-POLY1305</TD>"), "\(page)")
        #expect(page.contains("</BODY></HTML>"), "\(page.suffix(100))")
    }
}
