import Foundation
import NIOCore
import Testing
import TLSKit
import TLSKitNIO

/// TLSKit's client against TLS 1.2 servers: `openssl s_server -tls1_2` (OpenSSL 3) and
/// `gnutls-serv` with a TLS 1.2-only priority. The six ECDHE suites, RSA key exchange (only
/// when configured), the extended master secret (negotiated, and a server without it refused
/// unless allowed), session-ID and ticket resumption, mutual TLS, and a server-initiated
/// renegotiation, which is refused.
@Suite struct TLS12ClientInteropTests {
    let fixture: TestPKIFixture

    init() throws {
        fixture = try TestPKIFixture(kinds: [])
    }

    /// The ECDHE suites with their OpenSSL and GnuTLS names.
    static let ecdheSuites: [(openssl: String, gnutls: String, suite: CipherSuite)] = [
        ("ECDHE-ECDSA-AES128-GCM-SHA256", "+ECDHE-ECDSA:+AES-128-GCM", .tlsECDHEECDSAWithAES128GCMSHA256),
        ("ECDHE-ECDSA-AES256-GCM-SHA384", "+ECDHE-ECDSA:+AES-256-GCM", .tlsECDHEECDSAWithAES256GCMSHA384),
        ("ECDHE-ECDSA-CHACHA20-POLY1305", "+ECDHE-ECDSA:+CHACHA20-POLY1305", .tlsECDHEECDSAWithChaCha20Poly1305SHA256),
        ("ECDHE-RSA-AES128-GCM-SHA256", "+ECDHE-RSA:+AES-128-GCM", .tlsECDHERSAWithAES128GCMSHA256),
        ("ECDHE-RSA-AES256-GCM-SHA384", "+ECDHE-RSA:+AES-256-GCM", .tlsECDHERSAWithAES256GCMSHA384),
        ("ECDHE-RSA-CHACHA20-POLY1305", "+ECDHE-RSA:+CHACHA20-POLY1305", .tlsECDHERSAWithChaCha20Poly1305SHA256),
    ]

    /// ECDSA suites get an ECDSA P-256 leaf, RSA suites an RSA-2048 one.
    func leaf(for suite: CipherSuite) throws -> FixtureLeaf {
        let isECDSA = [CipherSuite.tlsECDHEECDSAWithAES128GCMSHA256, .tlsECDHEECDSAWithAES256GCMSHA384,
                       .tlsECDHEECDSAWithChaCha20Poly1305SHA256].contains(suite)
        return try fixture.leaf(.good(isECDSA ? .p256 : .rsa2048))
    }

    /// `GET / HTTP/1.0` against `s_server -www`, whose status page names the protocol and suite.
    func fetchStatusPage(_ connection: TLSClientConnection) async throws -> String {
        let response = try await InteropClient.exchange(connection, sending: Array("GET / HTTP/1.0\r\n\r\n".utf8))
        return String(decoding: response, as: UTF8.self)
    }

    /// Sends a line to `gnutls-serv --echo` and reads until it comes back.
    /// On a mismatch the failure shows `server`'s output, which says what it saw.
    func echoRoundTrip(_ connection: TLSClientConnection, _ line: String = "hello over TLS 1.2\n", server: PeerProcess) async throws {
        let expected = Array(line.utf8)
        let received = try await InteropClient.exchange(connection, sending: expected) { $0.count >= expected.count }
        #expect(received == expected, "received \(String(decoding: received, as: UTF8.self).debugDescription)\n\(server.transcript)")
    }

    /// A session cache that also remembers every session filed in it.
    final class RecordingCache: ClientSessionCache, @unchecked Sendable {
        private let cache = InMemoryClientSessionCache()
        private let lock = NSLock()
        private var storedSessions: [ClientSession] = []

        var stored: [ClientSession] { lock.withLock { storedSessions } }

        func store(_ session: ClientSession, for key: ClientSessionKey) {
            lock.withLock { storedSessions.append(session) }
            cache.store(session, for: key)
        }

        func take(for key: ClientSessionKey, now: Date) -> ClientSession? {
            cache.take(for: key, now: now)
        }

        func remove(_ session: ClientSession, for key: ClientSessionKey) {
            cache.remove(session, for: key)
        }
    }

    // MARK: - Suites

    @Test(arguments: Self.ecdheSuites.map(\.suite))
    func opensslECDHESuite(_ suite: CipherSuite) async throws {
        let entry = try #require(Self.ecdheSuites.first { $0.suite == suite })
        let (server, port) = try await OpenSSLServer.start(
            serving: try leaf(for: entry.suite), ["-www", "-cipher", entry.openssl], version: "-tls1_2")
        defer { server.stop() }

        let connection = try await InteropClient.connect(port: port, configuration: InteropClient.configuration(trusting: fixture))
        #expect(connection.summary.version == .tls12)
        #expect(connection.summary.cipherSuite == entry.suite)
        #expect(connection.summary.extendedMasterSecret == true)
        #expect(connection.summary.group == .x25519)
        #expect(connection.summary.resumed == false)
        #expect(connection.summary.signatureScheme != nil)
        guard case .trusted(let chain) = connection.summary.verification else {
            Issue.record("not verified: \(String(describing: connection.summary.verification))")
            return
        }
        #expect(chain.count == 3)
        let page = try await fetchStatusPage(connection)
        #expect(page.hasPrefix("HTTP/1.0 200 ok"), "\(page.prefix(200))")
        #expect(page.contains("TLSv1.2"), "\(page)")
        #expect(page.contains("Cipher is \(entry.openssl)"), "\(page)\n\(server.transcript)")
    }

    @Test(arguments: Self.ecdheSuites.map(\.suite))
    func gnutlsECDHESuite(_ suite: CipherSuite) async throws {
        let entry = try #require(Self.ecdheSuites.first { $0.suite == suite })
        let (server, port) = try await GnuTLSServer.start(
            serving: try leaf(for: entry.suite),
            priority: GnuTLSServer.tls12Only + ":-KX-ALL:-CIPHER-ALL:" + entry.gnutls)
        defer { server.stop() }

        let connection = try await InteropClient.connect(port: port, configuration: InteropClient.configuration(trusting: fixture))
        #expect(connection.summary.version == .tls12)
        #expect(connection.summary.cipherSuite == entry.suite)
        #expect(connection.summary.extendedMasterSecret == true)
        try await echoRoundTrip(connection, server: server)
    }

    @Test(arguments: [("P-256", NamedGroup.secp256r1), ("P-384", .secp384r1), ("X25519", .x25519)])
    func opensslGroup(_ opensslName: String, _ group: NamedGroup) async throws {
        let (server, port) = try await OpenSSLServer.start(
            serving: try fixture.leaf(.good(.p256)), ["-www", "-groups", opensslName], version: "-tls1_2")
        defer { server.stop() }

        let connection = try await InteropClient.connect(port: port, configuration: InteropClient.configuration(trusting: fixture))
        #expect(connection.summary.group == group)
        let page = try await fetchStatusPage(connection)
        #expect(page.contains("TLSv1.2"), "\(page)")
    }

    /// Every leaf key type signs the ServerKeyExchange: ECDSA P-256 and P-384 and Ed25519
    /// under ECDHE_ECDSA (RFC 8422, Section 5.1.3), RSA under ECDHE_RSA.
    @Test(arguments: DevelopmentKeyType.allCases)
    func opensslLeafKeyType(_ keyType: DevelopmentKeyType) async throws {
        let leaf = try fixture.leaf(.good(keyType))
        let (server, port) = try await OpenSSLServer.start(serving: leaf, ["-www"], version: "-tls1_2")
        defer { server.stop() }

        let connection = try await InteropClient.connect(port: port, configuration: InteropClient.configuration(trusting: fixture))
        let scheme = try #require(connection.summary.signatureScheme)
        switch keyType {
        case .p256: #expect(scheme == .ecdsaSecp256r1SHA256)
        case .p384: #expect([.ecdsaSecp256r1SHA256, .ecdsaSecp384r1SHA384, .ecdsaSecp521r1SHA512].contains(scheme), "\(scheme)")
        case .ed25519: #expect(scheme == .ed25519)
        case .rsa2048, .rsa3072:
            #expect([.rsaPSSRSAESHA256, .rsaPSSRSAESHA384, .rsaPSSRSAESHA512, .rsaPKCS1SHA256].contains(scheme), "\(scheme)")
        }
        let suite = connection.summary.cipherSuite.description
        #expect(suite.hasPrefix([.rsa2048, .rsa3072].contains(keyType) ? "TLS_ECDHE_RSA_" : "TLS_ECDHE_ECDSA_"), "\(suite)")
        #expect(connection.summary.peerCertificates == leaf.chainDER)
        let page = try await fetchStatusPage(connection)
        #expect(page.contains("TLSv1.2"), "\(page)")
    }

    /// A client offering only TLS 1.2 to a server that also speaks TLS 1.3: OpenSSL sets the
    /// downgrade sentinel, which such a client must not treat as an attack.
    @Test func tls12OnlyClientAgainstATLS13Server() async throws {
        let (server, port) = try await OpenSSLServer.start(serving: try fixture.leaf(.good(.p256)), ["-www"], version: nil)
        defer { server.stop() }

        var configuration = InteropClient.configuration(trusting: fixture)
        configuration.versions = [.tls12]
        let connection = try await InteropClient.connect(port: port, configuration: configuration)
        #expect(connection.summary.version == .tls12)
        let page = try await fetchStatusPage(connection)
        #expect(page.contains("TLSv1.2"), "\(page)")
    }

    /// The exporter (RFC 5705) and the key log line (CLIENT_RANDOM) agree with OpenSSL's.
    @Test(arguments: [CipherSuite.tlsECDHEECDSAWithAES128GCMSHA256, .tlsECDHEECDSAWithAES256GCMSHA384])
    func exporterAndKeyLogMatchOpenSSL(_ suite: CipherSuite) async throws {
        let entry = try #require(Self.ecdheSuites.first { $0.suite == suite })
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tlskit-tls12-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let keyLogPath = directory.appendingPathComponent("openssl-keys.log").path
        let (server, port) = try await OpenSSLServer.start(
            serving: try leaf(for: suite),
            ["-cipher", entry.openssl, "-keymatexport", KeyMaterialInteropTests.label, "-keymatexportlen", "48",
             "-keylogfile", keyLogPath],
            version: "-tls1_2", keepStandardInputOpen: true)
        defer { server.stop() }

        let lines = RecordedLines()
        var configuration = InteropClient.configuration(trusting: fixture)
        configuration.keyLog = { lines.append($0) }
        let connection = try await InteropClient.connect(port: port, configuration: configuration)
        let ours = try await connection.exportKeyingMaterial(label: KeyMaterialInteropTests.label, length: 48)
        #expect(try await server.waitForOutput(containing: "Keying material:"), "\(server.transcript)")
        try await connection.close()
        let theirs = try #require(KeyMaterialInteropTests.keyingMaterial(in: server.standardOutput), "\(server.transcript)")
        #expect(ours == theirs, "\(server.transcript)")

        let ourLines = lines.all
        #expect(ourLines.count == 1)
        let ourLine = try #require(ourLines.first)
        #expect(ourLine.hasPrefix("CLIENT_RANDOM "))
        let theirLines = try String(contentsOfFile: keyLogPath, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(theirLines.contains(ourLine), "ours: \(ourLine)\ntheirs: \(theirLines)")
    }

    /// Lines a key log closure receives.
    final class RecordedLines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []

        var all: [String] { lock.withLock { lines } }

        func append(_ line: String) {
            lock.withLock { lines.append(line) }
        }
    }

    /// RFC 8446, Section 4.1.3, against a real attack: a relay removes TLS 1.3 from our
    /// ClientHello, OpenSSL (which speaks TLS 1.3) answers with TLS 1.2 and the downgrade
    /// sentinel, and the client aborts with illegal_parameter instead of going on.
    @Test func downgradeByAManInTheMiddleIsDetected() async throws {
        let (server, upstream) = try await OpenSSLServer.start(serving: try fixture.leaf(.good(.p256)), ["-www"], version: nil)
        defer { server.stop() }
        let (proxy, port) = try await DowngradingProxy.start(upstream: upstream)
        defer { proxy.stop() }

        do {
            _ = try await InteropClient.connect(port: port, configuration: InteropClient.configuration(trusting: fixture))
            Issue.record("the client accepted a downgraded handshake")
        } catch let error as TLSError {
            #expect(error.alert == .illegalParameter, "\(error)")
            #expect(error.reason.contains("downgrade sentinel"), "\(error.reason)")
        }
        #expect(try await proxy.waitForOutput(containing: "rewrote supported_versions"), "\(proxy.transcript)")
        #expect(try await server.waitForOutput(containing: "illegal parameter"), "\(server.transcript)")
    }

    // MARK: - RSA key exchange

    @Test(arguments: [
        ("AES128-GCM-SHA256", CipherSuite.tlsRSAWithAES128GCMSHA256),
        ("AES256-GCM-SHA384", .tlsRSAWithAES256GCMSHA384),
    ])
    func rsaKeyExchangeWhenConfigured(_ opensslName: String, _ suite: CipherSuite) async throws {
        let (server, port) = try await OpenSSLServer.start(
            serving: try fixture.leaf(.good(.rsa2048)), ["-www", "-cipher", opensslName], version: "-tls1_2")
        defer { server.stop() }

        var configuration = InteropClient.configuration(trusting: fixture)
        configuration.cipherSuites = CipherSuite.tls12Suites + CipherSuite.tls12RSAKeyExchangeSuites
        let connection = try await InteropClient.connect(port: port, configuration: configuration)
        #expect(connection.summary.version == .tls12)
        #expect(connection.summary.cipherSuite == suite)
        #expect(connection.summary.group == nil)
        #expect(connection.summary.signatureScheme == nil)
        #expect(connection.summary.extendedMasterSecret == true)
        let page = try await fetchStatusPage(connection)
        #expect(page.contains("Cipher is \(opensslName)"), "\(page)")
    }

    @Test func gnutlsRSAKeyExchangeWhenConfigured() async throws {
        let (server, port) = try await GnuTLSServer.start(
            serving: try fixture.leaf(.good(.rsa2048)), priority: GnuTLSServer.tls12Only + ":-KX-ALL:+RSA")
        defer { server.stop() }

        var configuration = InteropClient.configuration(trusting: fixture)
        configuration.cipherSuites = CipherSuite.tls12RSAKeyExchangeSuites
        let connection = try await InteropClient.connect(port: port, configuration: configuration)
        #expect(CipherSuite.tls12RSAKeyExchangeSuites.contains(connection.summary.cipherSuite))
        #expect(connection.summary.extendedMasterSecret == true)
        try await echoRoundTrip(connection, server: server)
    }

    @Test func rsaKeyExchangeIsNotOfferedByDefault() async throws {
        let (server, port) = try await OpenSSLServer.start(
            serving: try fixture.leaf(.good(.rsa2048)), ["-www", "-cipher", "AES128-GCM-SHA256"], version: "-tls1_2")
        defer { server.stop() }

        do {
            _ = try await InteropClient.connect(port: port, configuration: InteropClient.configuration(trusting: fixture))
            Issue.record("the client agreed to RSA key exchange without being configured for it")
        } catch let error as TLSError {
            #expect(error.alert == .handshakeFailure, "\(error)")
            #expect(error.reason.contains("tls12RSAKeyExchangeSuites"), "\(error.reason)")
            #expect(error.reason.contains("--legacy"), "\(error.reason)")
        }
        #expect(try await server.waitForOutput(containing: "no shared cipher"), "\(server.transcript)")
    }

    // MARK: - Extended master secret

    @Test func serverWithoutExtendedMasterSecretIsRefusedByDefault() async throws {
        let (server, port) = try await GnuTLSServer.start(
            serving: try fixture.leaf(.good(.p256)), priority: GnuTLSServer.tls12Only + ":%NO_SESSION_HASH")
        defer { server.stop() }

        do {
            _ = try await InteropClient.connect(port: port, configuration: InteropClient.configuration(trusting: fixture))
            Issue.record("the handshake succeeded without the extended master secret")
        } catch let error as TLSError {
            #expect(error.alert == .handshakeFailure, "\(error)")
            #expect(error.reason.contains("RFC 7627"), "\(error.reason)")
        }
    }

    @Test func serverWithoutExtendedMasterSecretIsAcceptedWithTheSwitchOff() async throws {
        let (server, port) = try await GnuTLSServer.start(
            serving: try fixture.leaf(.good(.p256)), priority: GnuTLSServer.tls12Only + ":%NO_SESSION_HASH")
        defer { server.stop() }

        var configuration = InteropClient.configuration(trusting: fixture)
        configuration.requireExtendedMasterSecret = false
        let connection = try await InteropClient.connect(port: port, configuration: configuration)
        #expect(connection.summary.version == .tls12)
        #expect(connection.summary.extendedMasterSecret == false)
        try await echoRoundTrip(connection, server: server)
    }

    // MARK: - Resumption

    /// `-no_ticket`: the server resumes by session ID; `nil`: by ticket (s_server's default).
    @Test(arguments: [true, false])
    func resumption(bySessionID: Bool) async throws {
        let (server, port) = try await OpenSSLServer.start(
            serving: try fixture.leaf(.good(.p256)), ["-www"] + (bySessionID ? ["-no_ticket"] : []), version: "-tls1_2")
        defer { server.stop() }

        let cache = RecordingCache()
        var configuration = InteropClient.configuration(trusting: fixture)
        configuration.sessionCache = cache
        let first = try await InteropClient.connect(port: port, configuration: configuration)
        #expect(first.summary.resumed == false)
        _ = try await fetchStatusPage(first)
        let stored = try #require(cache.stored.first)
        #expect(stored.version == .tls12)
        #expect(stored.ticket.isEmpty == bySessionID)

        let second = try await InteropClient.connect(port: port, configuration: configuration)
        #expect(second.summary.version == .tls12)
        #expect(second.summary.resumed == true)
        #expect(second.summary.extendedMasterSecret == true)
        #expect(second.summary.cipherSuite == first.summary.cipherSuite)
        #expect(second.summary.peerCertificates == first.summary.peerCertificates)
        let page = try await fetchStatusPage(second)
        #expect(page.contains("Reused, TLSv1.2"), "\(page)")
    }

    /// gnutls-serv resumes by session ID with `--noticket`, by ticket otherwise.
    @Test(arguments: [true, false])
    func gnutlsResumption(bySessionID: Bool) async throws {
        let (server, port) = try await GnuTLSServer.start(
            serving: try fixture.leaf(.good(.p256)), priority: GnuTLSServer.tls12Only,
            extraArguments: bySessionID ? ["--noticket"] : [])
        defer { server.stop() }

        let cache = RecordingCache()
        var configuration = InteropClient.configuration(trusting: fixture)
        configuration.sessionCache = cache
        let first = try await InteropClient.connect(port: port, configuration: configuration)
        #expect(first.summary.resumed == false)
        try await echoRoundTrip(first, server: server)
        let stored = try #require(cache.stored.first)
        #expect(stored.ticket.isEmpty == bySessionID)

        let second = try await InteropClient.connect(port: port, configuration: configuration)
        #expect(second.summary.version == .tls12)
        #expect(second.summary.resumed == true)
        try await echoRoundTrip(second, server: server)
    }

    /// A saved session (`ClientSession.serialized()`, as `--sess-out` writes it) resumes too.
    @Test func serializedSessionResumes() async throws {
        let (server, port) = try await OpenSSLServer.start(
            serving: try fixture.leaf(.good(.p256)), ["-www"], version: "-tls1_2")
        defer { server.stop() }

        let cache = RecordingCache()
        var configuration = InteropClient.configuration(trusting: fixture)
        configuration.sessionCache = cache
        let first = try await InteropClient.connect(port: port, configuration: configuration)
        _ = try await fetchStatusPage(first)
        let saved = try #require(cache.stored.first).serialized()

        configuration.sessionCache = InMemoryClientSessionCache()
        configuration.sessionCache?.store(try ClientSession(serialized: saved), for: ClientSessionKey(serverName: "localhost", applicationProtocols: []))
        let second = try await InteropClient.connect(port: port, configuration: configuration)
        #expect(second.summary.resumed == true)
        _ = try await fetchStatusPage(second)
    }

    // MARK: - Mutual TLS

    @Test func clientCertificateWhenTheServerAsks() async throws {
        let (server, port) = try await OpenSSLServer.start(
            serving: try fixture.leaf(.good(.p256)),
            ["-www", "-Verify", "1", "-CAfile", fixture.rootPath, "-verify_return_error"], version: "-tls1_2")
        defer { server.stop() }

        let client = try fixture.leaf(.client)
        var configuration = InteropClient.configuration(trusting: fixture)
        configuration.clientIdentity = try TLSCertificateIdentity(
            certificatePEMFile: client.chainPath, privateKeyPEMFile: client.keyPath)
        let connection = try await InteropClient.connect(port: port, configuration: configuration)
        #expect(connection.summary.version == .tls12)
        #expect(connection.summary.localSignatureScheme == .ecdsaSecp256r1SHA256)
        let page = try await fetchStatusPage(connection)
        #expect(page.contains("TLSv1.2"), "\(page)")
        #expect(try await server.waitForOutput(containing: "TLSKit Interop Client"), "\(server.transcript)")
    }

    @Test(arguments: [DevelopmentKeyType.p256, .rsa2048])
    func gnutlsClientCertificate(_ serverKey: DevelopmentKeyType) async throws {
        let (server, port) = try await GnuTLSServer.start(
            serving: try fixture.leaf(.good(serverKey)), priority: GnuTLSServer.tls12Only,
            extraArguments: ["--require-client-cert", "--x509cafile", fixture.rootPath])
        defer { server.stop() }

        let client = try fixture.leaf(.client)
        var configuration = InteropClient.configuration(trusting: fixture)
        configuration.clientIdentity = try TLSCertificateIdentity(
            certificatePEMFile: client.chainPath, privateKeyPEMFile: client.keyPath)
        let connection = try await InteropClient.connect(port: port, configuration: configuration)
        #expect(connection.summary.version == .tls12)
        #expect(connection.summary.localSignatureScheme != nil)
        try await echoRoundTrip(connection, server: server)
    }

    @Test func noClientCertificateIsRefusedByAServerThatRequiresOne() async throws {
        let (server, port) = try await OpenSSLServer.start(
            serving: try fixture.leaf(.good(.p256)),
            ["-www", "-Verify", "1", "-CAfile", fixture.rootPath, "-verify_return_error"], version: "-tls1_2")
        defer { server.stop() }

        // TLS 1.2 has the server's verdict before the client's Finished is answered.
        do {
            let connection = try await InteropClient.connect(port: port, configuration: InteropClient.configuration(trusting: fixture))
            _ = try await fetchStatusPage(connection)
            Issue.record("the server accepted a client without a certificate")
        } catch let error as TLSError {
            #expect(error.alert == .handshakeFailure || error.code == .closed, "\(error)")
        }
    }

    // MARK: - Renegotiation

    /// s_server's `r` command sends a HelloRequest. The client answers no_renegotiation and
    /// never starts a second handshake; OpenSSL then either goes on or ends the connection.
    @Test func serverInitiatedRenegotiationIsRefused() async throws {
        let (server, port) = try await OpenSSLServer.start(
            serving: try fixture.leaf(.good(.p256)), [], version: "-tls1_2", keepStandardInputOpen: true)
        defer { server.stop() }

        let connection = try await InteropClient.connect(port: port, configuration: InteropClient.configuration(trusting: fixture))
        #expect(connection.summary.version == .tls12)
        #expect(try await server.waitForOutput(containing: "CIPHER is"), "\(server.transcript)")
        try server.writeStandardInput(Data("r\n".utf8))
        #expect(try await server.waitForOutput(containing: "SSL_do_handshake"), "\(server.transcript)")
        let outcome: String
        do {
            _ = try await InteropClient.exchange(connection, sending: Array("after renegotiation\n".utf8), timeout: .seconds(10)) {
                _ in false
            }
            outcome = "closed"
        } catch let error as TLSError {
            outcome = "\(error)"
        } catch {
            outcome = "timeout: \(error)"
        }
        let kept = try await server.waitForOutput(containing: "after renegotiation", timeout: .seconds(5))
        let refused = server.standardOutput.contains("no renegotiation") || server.standardError.contains("no renegotiation")
        #expect(kept || refused, "\(outcome)\n\(server.transcript)")
        // No second handshake: OpenSSL would print its cipher again.
        #expect(server.standardOutput.components(separatedBy: "CIPHER is").count == 2, "\(server.transcript)")
    }
}
