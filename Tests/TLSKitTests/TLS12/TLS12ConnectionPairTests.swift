import Crypto
import NIOCore
import Testing
@testable import TLSKit

/// TLSKit's TLS 1.2 client and server joined in memory: every suite, RSA key exchange,
/// exporters and key logs agreeing on both sides, resumption by session ID and by ticket,
/// mutual TLS, and the downgrade sentinel (RFC 5246; RFC 7627; RFC 5077; RFC 8446, Section 4.1.3).
@Suite struct TLS12ConnectionPairTests {
    static let ecdsaSuites: [CipherSuite] = [
        .tlsECDHEECDSAWithAES128GCMSHA256, .tlsECDHEECDSAWithAES256GCMSHA384, .tlsECDHEECDSAWithChaCha20Poly1305SHA256,
    ]
    static let rsaSuites: [CipherSuite] = [
        .tlsECDHERSAWithAES128GCMSHA256, .tlsECDHERSAWithAES256GCMSHA384, .tlsECDHERSAWithChaCha20Poly1305SHA256,
    ]

    /// A client speaking only TLS 1.2 with `suites`.
    func client(_ suites: [CipherSuite]) throws -> TLSClientConfiguration {
        var client = try ServerTestPKI.get().clientConfiguration()
        client.versions = [.tls12]
        client.cipherSuites = suites
        return client
    }

    func server(_ key: DevelopmentKeyType) throws -> TLSServerConfiguration {
        try ServerTestPKI.get().serverConfiguration(key)
    }

    /// Sends a line each way and checks it arrives.
    func exchangeData(_ pipe: inout ConnectionPipe) async throws {
        try pipe.client.connection.write(ByteBuffer(string: "ping over TLS 1.2"))
        try pipe.server.connection.write(ByteBuffer(string: "pong over TLS 1.2"))
        try await pipe.run()
        #expect(String(buffer: pipe.server.received) == "ping over TLS 1.2")
        #expect(String(buffer: pipe.client.received) == "pong over TLS 1.2")
    }

    @Test(arguments: ecdsaSuites.map { ($0, DevelopmentKeyType.p256) } + rsaSuites.map { ($0, DevelopmentKeyType.rsa2048) })
    func eachECDHESuite(_ suite: CipherSuite, _ key: DevelopmentKeyType) async throws {
        var pipe = try ConnectionPipe(client: try client([suite]), server: try server(key))
        try await pipe.handshake()
        for summary in [pipe.client.summary, pipe.server.summary] {
            #expect(summary?.version == .tls12)
            #expect(summary?.cipherSuite == suite)
            #expect(summary?.extendedMasterSecret == true)
            #expect(summary?.resumed == false)
        }
        #expect(pipe.client.summary?.group == .x25519)
        #expect(pipe.client.summary?.peerCertificates.count == 2)
        try await exchangeData(&pipe)
    }

    /// The default client (1.3 and 1.2) against a server capped at 1.2: TLS 1.2, and no
    /// downgrade sentinel, since the server does not speak 1.3.
    @Test func defaultClientMeetsAServerCappedAtTLS12() async throws {
        var server = try server(.p256)
        server.versions = [.tls12]
        var pipe = try ConnectionPipe(client: try ServerTestPKI.get().clientConfiguration(), server: server)
        try await pipe.handshake()
        #expect(pipe.client.summary?.version == .tls12)
        #expect(pipe.client.summary?.cipherSuite == .tlsECDHEECDSAWithAES128GCMSHA256)
        try await exchangeData(&pipe)
    }

    /// RFC 8446, Section 4.1.3: a TLS 1.3 client that gets a TLS 1.2 ServerHello whose random
    /// ends in the downgrade sentinel aborts with illegal_parameter.
    @Test func downgradeSentinelIsIllegalParameter() async throws {
        var server = try server(.p256)
        server.versions = [.tls12]
        var pipe = try ConnectionPipe(client: try ServerTestPKI.get().clientConfiguration(), server: server)
        var rewritten = false
        pipe.serverToClient = { bytes in
            guard !rewritten else { return bytes }
            rewritten = true
            var bytes = bytes
            // Record header (5), handshake header (4), version (2), then the random: its last
            // 8 bytes start 24 bytes in.
            let sentinel: [UInt8] = [0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44, 0x01]
            bytes.setBytes(sentinel, at: bytes.readerIndex + 5 + 4 + 2 + 24)
            return bytes
        }
        try await pipe.run()
        let error = try #require(pipe.client.error)
        #expect(error.alert == .illegalParameter, "\(error)")
        #expect(pipe.client.summary == nil)
    }

    @Test(arguments: CipherSuite.tls12RSAKeyExchangeSuites)
    func rsaKeyExchange(_ suite: CipherSuite) async throws {
        let identity = try ServerTestPKI.get().identity(.rsa2048)
        var pipe = try ConnectionPipe(client: try client([suite]), server: .legacy(identities: [identity]))
        try await pipe.handshake()
        #expect(pipe.server.summary?.cipherSuite == suite)
        #expect(pipe.client.summary?.group == nil)
        try await exchangeData(&pipe)
    }

    /// The intermediate preset never agrees to RSA key exchange.
    @Test func rsaKeyExchangeIsRefusedByTheIntermediatePreset() async throws {
        let identity = try ServerTestPKI.get().identity(.rsa2048)
        var pipe = try ConnectionPipe(client: try client([.tlsRSAWithAES128GCMSHA256]), server: .intermediate(identities: [identity]))
        try await pipe.expectFailure(.handshakeFailure, sentBy: .server)
    }

    @Test func exportersAndKeyLogsAgree() async throws {
        let clientLog = KeyLogCollector()
        let serverLog = KeyLogCollector()
        var client = try client([.tlsECDHEECDSAWithAES256GCMSHA384])
        client.keyLog = clientLog.callback
        var server = try server(.p256)
        server.keyLog = serverLog.callback
        var pipe = try ConnectionPipe(client: client, server: server)
        try await pipe.handshake()
        let exported = try pipe.client.connection.exportKeyingMaterial(label: "EXPERIMENTAL tls12", context: [1, 2], length: 40)
        #expect(exported == (try pipe.server.connection.exportKeyingMaterial(label: "EXPERIMENTAL tls12", context: [1, 2], length: 40)))
        // RFC 5705, Section 4: in TLS 1.2 no context and an empty context differ.
        let noContext = try pipe.client.connection.exportKeyingMaterial(label: "EXPERIMENTAL tls12", context: nil, length: 40)
        let emptyContext = try pipe.client.connection.exportKeyingMaterial(label: "EXPERIMENTAL tls12", context: [], length: 40)
        #expect(noContext != emptyContext)
        #expect(throws: TLSError.self) {
            try pipe.client.connection.exportKeyingMaterial(label: "master secret", context: nil, length: 16)
        }
        let masterSecret = try #require(clientLog.secret("CLIENT_RANDOM"))
        #expect(masterSecret.count == 48)
        #expect(serverLog.secret("CLIENT_RANDOM") == masterSecret)
        #expect(clientLog.lines.count == 1 && serverLog.lines.count == 1, "\(clientLog.lines)")
    }

    /// RFC 5246, Section 7.3 and RFC 5077: the second connection resumes, by session ID when
    /// the server sends no tickets, and by ticket otherwise.
    @Test(arguments: [0, 1])
    func resumption(ticketCount: Int) async throws {
        var server = try server(.p256)
        server.ticketCount = ticketCount
        let client = try client(CipherSuite.tls12Suites)
        var first = try ConnectionPipe(client: client, server: server)
        try await first.handshake()
        #expect(first.client.summary?.resumed == false)

        var second = try ConnectionPipe(client: client, server: server)
        try await second.handshake()
        #expect(second.client.summary?.resumed == true)
        #expect(second.server.summary?.resumed == true)
        #expect(second.client.summary?.cipherSuite == first.client.summary?.cipherSuite)
        #expect(second.client.summary?.extendedMasterSecret == true)
        #expect(second.client.summary?.peerCertificates == first.client.summary?.peerCertificates)
        #expect(second.client.verificationRequests.isEmpty, "a resumed handshake verifies no certificate")
        try await exchangeData(&second)

        var third = try ConnectionPipe(client: client, server: server)
        try await third.handshake()
        #expect(third.client.summary?.resumed == true, "a resumed session can be resumed again")
    }

    @Test func mutualTLS() async throws {
        let fixture = try ServerTestPKI.get()
        var client = try client([.tlsECDHERSAWithAES128GCMSHA256])
        client.clientIdentity = try fixture.identity(fixture.client)
        var server = try server(.rsa2048)
        server.clientAuthentication = .required(fixture.verifier)
        var pipe = try ConnectionPipe(client: client, server: server)
        try await pipe.handshake()
        #expect(pipe.server.summary?.peerCertificates == (try fixture.pki.chainDER(for: fixture.client)))
        guard case .trusted? = pipe.server.summary?.verification else {
            Issue.record("the client chain was not verified: \(String(describing: pipe.server.summary?.verification))")
            return
        }
        #expect(pipe.server.summary?.signatureScheme == .ecdsaSecp256r1SHA256)
        #expect(pipe.client.summary?.localSignatureScheme == .ecdsaSecp256r1SHA256)
        try await exchangeData(&pipe)
    }

    @Test func requiredClientCertificateMissing() async throws {
        var server = try server(.p256)
        server.clientAuthentication = .required(try ServerTestPKI.get().verifier)
        var pipe = try ConnectionPipe(client: try client([.tlsECDHEECDSAWithAES128GCMSHA256]), server: server)
        try await pipe.run()
        let error = try #require(pipe.server.error)
        #expect(error.alert == .handshakeFailure || error.alert == .certificateRequired, "\(error)")
        #expect(pipe.server.summary == nil)
    }
}
