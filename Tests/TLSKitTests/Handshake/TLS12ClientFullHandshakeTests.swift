import Crypto
import Foundation
import NIOCore
import Testing
import X509
@testable import TLSKit

/// The full TLS 1.2 handshake (RFC 5246, Section 7.3, Figure 1) against a scripted server:
/// the client's flight, the extended master secret, mutual TLS, the session it files, and
/// its checks on the server's Certificate, ServerKeyExchange, NewSessionTicket and order.
@Suite struct TLS12ClientFullHandshakeTests {
    static let suite = CipherSuite.tlsECDHEECDSAWithAES128GCMSHA256

    /// Runs the client until it wants input; completes a pending verification with
    /// `.skippedInsecure`. Returns the summary once the handshake has completed.
    @discardableResult
    static func run(_ harness: inout ClientHandshakeHarness) throws -> HandshakeSummary? {
        var summary: HandshakeSummary?
        while let action = try harness.connection.nextAction() {
            switch action {
            case .send(var bytes):
                while bytes.readableBytes >= 5 {
                    let type = ContentType(rawValue: try bytes.readTLSUInt8())
                    _ = try bytes.readTLSUInt16()
                    harness.sentRecords.append((type, try bytes.readTLSVector16("record")))
                }
            case .verifyPeer:
                harness.connection.completeVerification(.skippedInsecure)
            case .handshakeCompleted(let completed):
                summary = completed
            default:
                break
            }
        }
        return summary
    }

    /// Sends ServerHello through ServerHelloDone.
    static func serverFlight(
        _ server: inout TLS12ScriptedServer, _ harness: inout ClientHandshakeHarness,
        helloExtensions: [TLSExtension] = ClientHandshakeHarness.tls12ServerHelloExtensions,
        certificateRequest: TLS12CertificateRequest? = nil
    ) throws {
        server.send(server.serverHello(extensions: helloExtensions), to: &harness)
        server.send(server.certificateMessage, to: &harness)
        server.send(.serverKeyExchange(try server.serverKeyExchange()), to: &harness)
        if let certificateRequest { server.send(.tls12CertificateRequest(certificateRequest), to: &harness) }
        server.send(.serverHelloDone, to: &harness)
    }

    @Test func fullHandshakeWithATicket() throws {
        let cache = InMemoryClientSessionCache()
        var configuration = ClientHandshakeHarness.configuration()
        configuration.sessionCache = cache
        var harness = try ClientHandshakeHarness(configuration: configuration)
        var server = try TLS12ScriptedServer(harness: harness, suite: Self.suite, certificate: .p256)
        try Self.serverFlight(
            &server, &harness, helloExtensions: ClientHandshakeHarness.tls12ServerHelloExtensions + [.sessionTicket([])])
        let index = harness.sentRecords.count
        #expect(try Self.run(&harness) == nil)
        let flight = try server.receiveClientFlight(from: harness, since: index)
        #expect(flight.bodies.keys.sorted { $0.rawValue < $1.rawValue } == [.clientKeyExchange])

        try server.finish(ticket: TLS12NewSessionTicket(ticketLifetimeHint: 300, ticket: [1, 2, 3, 4]), to: &harness)
        let summary = try #require(try Self.run(&harness))
        #expect(summary.version == .tls12)
        #expect(summary.cipherSuite == Self.suite)
        #expect(summary.group == .x25519)
        #expect(summary.signatureScheme == .ecdsaSecp256r1SHA256)
        #expect(summary.extendedMasterSecret == true)
        #expect(summary.resumed == false)
        #expect(summary.peerCertificates == [server.certificate.certificateDER])
        #expect(summary.localSignatureScheme == nil)

        let session = try #require(cache.take(for: ClientSessionKey(serverName: "localhost", applicationProtocols: []), now: Date()))
        #expect(session.version == .tls12)
        #expect(session.ticket == [1, 2, 3, 4])
        #expect(session.lifetime == 300)
        #expect(session.cipherSuite == Self.suite)
        guard case .tls12(let masterSecret, true, let sessionID) = session.secret else {
            Issue.record("not a TLS 1.2 EMS session")
            return
        }
        #expect(sessionID == server.sessionID)
        let serverMaster = try #require(server.keys?.masterSecret)
        #expect(masterSecret == serverMaster)

        // TLS 1.2 has no KeyUpdate; its exporter is the PRF over the master secret (RFC 5705).
        #expect(throws: TLSError.self) { try harness.connection.updateKeys() }
        let exported = try harness.connection.exportKeyingMaterial(label: "EXPERIMENTAL-test", context: nil, length: 20)
        let expected = try KeyingMaterialExporter.tls12(
            hash: .sha256, masterSecret: serverMaster, clientRandom: server.clientHello.random, serverRandom: server.serverRandom
        ).exportKeyingMaterial(label: "EXPERIMENTAL-test", context: nil, length: 20)
        #expect(exported == expected)

        // Application data from the client.
        try harness.connection.write(ByteBuffer(string: "ping"))
        try Self.run(&harness)
        var clientWrite = try #require(server.keys).recordProtection(writer: .client)
        // The client's Finished was record 0 under its keys.
        let finishedRecord = try #require(harness.sentRecords.dropLast().last)
        _ = try clientWrite.open(TLSRecord(contentType: finishedRecord.0, legacyVersion: .tls12, fragment: finishedRecord.1))
        let data = try #require(harness.sentRecords.last)
        #expect(data.0 == .applicationData)
        let (_, plaintext) = try clientWrite.open(TLSRecord(contentType: data.0, legacyVersion: .tls12, fragment: data.1))
        #expect(String(buffer: plaintext) == "ping")
    }

    @Test func sessionIDOnlyIsFiledWithTheDefaultLifetime() throws {
        let cache = InMemoryClientSessionCache()
        var configuration = ClientHandshakeHarness.configuration()
        configuration.sessionCache = cache
        var harness = try ClientHandshakeHarness(configuration: configuration)
        var server = try TLS12ScriptedServer(harness: harness, suite: Self.suite, certificate: .p256)
        try Self.serverFlight(&server, &harness)
        let index = harness.sentRecords.count
        try Self.run(&harness)
        _ = try server.receiveClientFlight(from: harness, since: index)
        try server.finish(ticket: nil, to: &harness)
        #expect(try Self.run(&harness)?.resumed == false)
        let session = try #require(cache.take(for: ClientSessionKey(serverName: "localhost", applicationProtocols: []), now: Date()))
        #expect(session.ticket.isEmpty)
        #expect(session.lifetime == ClientHandshake.tls12SessionLifetime)
    }

    @Test(arguments: [DevelopmentKeyType.p256, .rsa2048])
    func clientCertificateAndCertificateVerify(_ keyType: DevelopmentKeyType) throws {
        let clientKey = try TLS12SigningFixture.get(keyType)
        var configuration = ClientHandshakeHarness.configuration()
        configuration.clientIdentity = try TLSCertificateIdentity(chain: [try Certificate(derEncoded: clientKey.certificateDER)], privateKey: clientKey.key)
        var harness = try ClientHandshakeHarness(configuration: configuration)
        var server = try TLS12ScriptedServer(harness: harness, suite: Self.suite, certificate: .p256)
        let offered: [SignatureScheme] = [.rsaPKCS1SHA256, .ecdsaSecp256r1SHA256]
        try Self.serverFlight(&server, &harness, certificateRequest: TLS12CertificateRequest(
            certificateTypes: [TLS12CertificateRequest.rsaSign, TLS12CertificateRequest.ecdsaSign],
            supportedSignatureAlgorithms: offered))
        let index = harness.sentRecords.count
        try Self.run(&harness)
        let flight = try server.receiveClientFlight(from: harness, since: index)

        var certificateBody = try #require(flight.bodies[.certificate])
        let certificate = try TLS12CertificateMessage.decodeBody(&certificateBody)
        #expect(certificate.certificateList == [clientKey.certificateDER])
        var verifyBody = try #require(flight.bodies[.certificateVerify])
        let verify = try CertificateVerify.decodeBody(&verifyBody)
        #expect(verify.algorithm == (keyType == .p256 ? .ecdsaSecp256r1SHA256 : .rsaPKCS1SHA256))
        try TLS12CertificateVerify.verify(
            verify, handshakeMessages: try #require(flight.signedMessages), offered: offered,
            clientCertificates: [clientKey.certificateDER])

        try server.finish(ticket: nil, to: &harness)
        let summary = try #require(try Self.run(&harness))
        #expect(summary.localSignatureScheme == verify.algorithm)
    }

    @Test func emptyCertificateWithoutAnIdentityOrAFittingType() throws {
        for identity in [false, true] {
            let clientKey = try TLS12SigningFixture.get(.p256)
            var configuration = ClientHandshakeHarness.configuration()
            if identity {
                configuration.clientIdentity = try TLSCertificateIdentity(chain: [try Certificate(derEncoded: clientKey.certificateDER)], privateKey: clientKey.key)
            }
            var harness = try ClientHandshakeHarness(configuration: configuration)
            var server = try TLS12ScriptedServer(harness: harness, suite: Self.suite, certificate: .p256)
            // Only rsa_sign: the ECDSA identity does not fit.
            try Self.serverFlight(&server, &harness, certificateRequest: TLS12CertificateRequest(
                certificateTypes: [TLS12CertificateRequest.rsaSign], supportedSignatureAlgorithms: [.rsaPKCS1SHA256]))
            try Self.expectEmptyCertificate(from: &harness, to: &server)
        }
    }

    /// Runs the client's answer to the server's flight and expects an empty Certificate and no
    /// CertificateVerify in it (RFC 5246, Section 7.4.6).
    static func expectEmptyCertificate(from harness: inout ClientHandshakeHarness, to server: inout TLS12ScriptedServer) throws {
        let index = harness.sentRecords.count
        try run(&harness)
        let flight = try server.receiveClientFlight(from: harness, since: index)
        var certificateBody = try #require(flight.bodies[.certificate])
        #expect(try TLS12CertificateMessage.decodeBody(&certificateBody).certificateList.isEmpty)
        #expect(flight.bodies[.certificateVerify] == nil)
    }

    /// A CertificateRequest an RSA client identity does not fit.
    enum UnfitRequest: CaseIterable { case ecdsaSignOnly, noRSAScheme, noConfiguredScheme }

    /// BoGo CheckClientCertificateTypes and its kin: an RSA certificate is not sent when the
    /// request's certificate_types lists only ecdsa_sign (RFC 5246, Section 7.4.4), when its
    /// supported_signature_algorithms has no RSA scheme, or none the client's own
    /// `signatureSchemes` allows. The client sends an empty Certificate and no
    /// CertificateVerify (Section 7.4.6), and the handshake goes on.
    @Test(arguments: UnfitRequest.allCases)
    func rsaIdentitySendsNoCertificateToARequestItDoesNotFit(_ unfit: UnfitRequest) throws {
        let clientKey = try TLS12SigningFixture.get(.rsa2048)
        var configuration = ClientHandshakeHarness.configuration()
        configuration.clientIdentity = try TLSCertificateIdentity(
            chain: [try Certificate(derEncoded: clientKey.certificateDER)], privateKey: clientKey.key)
        let both = [TLS12CertificateRequest.rsaSign, TLS12CertificateRequest.ecdsaSign]
        let request: TLS12CertificateRequest
        switch unfit {
        case .ecdsaSignOnly:
            request = TLS12CertificateRequest(
                certificateTypes: [TLS12CertificateRequest.ecdsaSign],
                supportedSignatureAlgorithms: SignatureScheme.tls12HandshakeSchemes)
        case .noRSAScheme:
            request = TLS12CertificateRequest(
                certificateTypes: both, supportedSignatureAlgorithms: [.ecdsaSecp256r1SHA256, .ed25519])
        case .noConfiguredScheme:
            configuration.signatureSchemes = [.rsaPSSRSAESHA256, .ecdsaSecp256r1SHA256]
            request = TLS12CertificateRequest(
                certificateTypes: both, supportedSignatureAlgorithms: [.rsaPSSRSAESHA512, .rsaPSSRSAESHA384])
        }
        var harness = try ClientHandshakeHarness(configuration: configuration)
        var server = try TLS12ScriptedServer(harness: harness, suite: Self.suite, certificate: .p256)
        try Self.serverFlight(&server, &harness, certificateRequest: request)
        try Self.expectEmptyCertificate(from: &harness, to: &server)
        try server.finish(ticket: nil, to: &harness)
        let summary = try #require(try Self.run(&harness))
        #expect(summary.localSignatureScheme == nil)
    }

    /// RSA key exchange (RFC 5246, Section 7.4.7.1), when configured: no ServerKeyExchange,
    /// a 48-byte premaster secret starting with the ClientHello's version, encrypted to the
    /// leaf's key; the Finished proves the server could decrypt it.
    @Test func rsaKeyExchangeWhenConfigured() throws {
        var configuration = ClientHandshakeHarness.configuration()
        configuration.cipherSuites = CipherSuite.tls12RSAKeyExchangeSuites
        var harness = try ClientHandshakeHarness(configuration: configuration)
        var server = try TLS12ScriptedServer(harness: harness, suite: .tlsRSAWithAES128GCMSHA256, certificate: .rsa2048)
        server.send(server.serverHello(), to: &harness)
        server.send(server.certificateMessage, to: &harness)
        server.send(.serverHelloDone, to: &harness)
        let index = harness.sentRecords.count
        try Self.run(&harness)
        _ = try server.receiveClientFlight(from: harness, since: index)
        let preMasterSecret = try #require(server.rsaPreMasterSecret)
        preMasterSecret.withUnsafeBytes { bytes in
            #expect(bytes.count == 48)
            #expect(Array(bytes.prefix(2)) == [3, 3])
        }
        try server.finish(ticket: nil, to: &harness)
        let summary = try #require(try Self.run(&harness))
        #expect(summary.cipherSuite == .tlsRSAWithAES128GCMSHA256)
        #expect(summary.group == nil)
        #expect(summary.signatureScheme == nil)
        #expect(summary.extendedMasterSecret == true)
    }

    @Test func withoutExtendedMasterSecretTheRandomsAreTheSeed() throws {
        var configuration = ClientHandshakeHarness.configuration()
        configuration.requireExtendedMasterSecret = false
        var harness = try ClientHandshakeHarness(configuration: configuration)
        var server = try TLS12ScriptedServer(harness: harness, suite: Self.suite, certificate: .p256)
        try Self.serverFlight(&server, &harness, helloExtensions: [.renegotiationInfo([]), .ecPointFormats([0])])
        let index = harness.sentRecords.count
        try Self.run(&harness)
        _ = try server.receiveClientFlight(from: harness, since: index, extendedMasterSecret: false)
        try server.finish(ticket: nil, to: &harness)
        #expect(try Self.run(&harness)?.extendedMasterSecret == false)
    }

    // MARK: - What the client refuses

    /// Sends ServerHello, then `messages`, and expects the client to fail with `alert`.
    static func expectFailure(
        after messages: (inout TLS12ScriptedServer) throws -> [HandshakeMessage], alert: AlertDescription,
        certificate: DevelopmentKeyType = .p256, helloExtensions: [TLSExtension] = ClientHandshakeHarness.tls12ServerHelloExtensions
    ) throws -> TLSError {
        var harness = try ClientHandshakeHarness()
        var server = try TLS12ScriptedServer(harness: harness, suite: Self.suite, certificate: certificate)
        server.send(server.serverHello(extensions: helloExtensions), to: &harness)
        for message in try messages(&server) { server.send(message, to: &harness) }
        var thrown: TLSError?
        do {
            try run(&harness)
        } catch let error as TLSError {
            thrown = error
        }
        let error = try #require(thrown)
        #expect(error.alert == alert, "\(error)")
        return error
    }

    @Test func badServerKeyExchangeSignatureIsDecryptError() throws {
        _ = try Self.expectFailure(after: { server in
            var keyExchange = try server.serverKeyExchange()
            keyExchange.publicKey[0] ^= 1
            return [server.certificateMessage, .serverKeyExchange(keyExchange)]
        }, alert: .decryptError)
    }

    @Test func serverKeyExchangeOnAGroupNotOfferedIsIllegalParameter() throws {
        _ = try Self.expectFailure(after: { server in
            var keyExchange = try server.serverKeyExchange()
            keyExchange.namedCurve = NamedGroup(rawValue: 0x0019)
            return [server.certificateMessage, .serverKeyExchange(keyExchange)]
        }, alert: .illegalParameter)
    }

    @Test func rsaCertificateForAnECDSASuiteIsUnsupportedCertificate() throws {
        _ = try Self.expectFailure(after: { server in [server.certificateMessage] }, alert: .unsupportedCertificate, certificate: .rsa2048)
    }

    @Test func emptyServerCertificateIsDecodeError() throws {
        _ = try Self.expectFailure(after: { _ in [.tls12Certificate(TLS12CertificateMessage(certificateList: []))] }, alert: .decodeError)
    }

    @Test func serverHelloDoneWithoutServerKeyExchangeIsUnexpected() throws {
        _ = try Self.expectFailure(after: { server in [server.certificateMessage, .serverHelloDone] }, alert: .unexpectedMessage)
    }

    @Test func helloRequestDuringTheHandshakeIsIgnored() throws {
        var harness = try ClientHandshakeHarness()
        var server = try TLS12ScriptedServer(harness: harness, suite: Self.suite, certificate: .p256)
        server.send(server.serverHello(), to: &harness)
        harness.receive(.helloRequest)
        server.send(server.certificateMessage, to: &harness)
        server.send(.serverKeyExchange(try server.serverKeyExchange()), to: &harness)
        harness.receive(.helloRequest)
        server.send(.serverHelloDone, to: &harness)
        let index = harness.sentRecords.count
        try Self.run(&harness)
        _ = try server.receiveClientFlight(from: harness, since: index)
        try server.finish(ticket: nil, to: &harness)
        #expect(try Self.run(&harness)?.version == .tls12)
    }

    @Test func unannouncedNewSessionTicketIsUnexpected() throws {
        var harness = try ClientHandshakeHarness()
        var server = try TLS12ScriptedServer(harness: harness, suite: Self.suite, certificate: .p256)
        try Self.serverFlight(&server, &harness)
        let index = harness.sentRecords.count
        try Self.run(&harness)
        _ = try server.receiveClientFlight(from: harness, since: index)
        server.send(.tls12NewSessionTicket(TLS12NewSessionTicket(ticketLifetimeHint: 0, ticket: [1])), to: &harness)
        #expect(throws: TLSError.self) { try Self.run(&harness) }
    }

    @Test func changeCipherSpecBeforeTheAnnouncedTicketIsUnexpected() throws {
        var harness = try ClientHandshakeHarness()
        var server = try TLS12ScriptedServer(harness: harness, suite: Self.suite, certificate: .p256)
        try Self.serverFlight(
            &server, &harness, helloExtensions: ClientHandshakeHarness.tls12ServerHelloExtensions + [.sessionTicket([])])
        let index = harness.sentRecords.count
        try Self.run(&harness)
        _ = try server.receiveClientFlight(from: harness, since: index)
        harness.receiveRecord(.changeCipherSpec, ByteBuffer(bytes: [1]))
        #expect(throws: TLSError.self) { try Self.run(&harness) }
    }
}
