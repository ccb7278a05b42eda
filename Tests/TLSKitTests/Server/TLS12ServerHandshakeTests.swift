import Crypto
import Foundation
import NIOCore
import Testing
import _CryptoExtras
@testable import TLSKit

/// The TLS 1.2 server driven by a scripted client: version negotiation (RFC 8446, Section
/// 4.1.3; RFC 7507), the ClientHello checks (RFC 5246, 5746, 7627), the full handshake for
/// each suite, resumption by session ID and ticket, and renegotiation refused.
@Suite struct TLS12ServerHandshakeTests {
    private func configuration(
        _ type: DevelopmentKeyType = .p256, _ change: (inout TLSServerConfiguration) -> Void = { _ in }
    ) throws -> TLSServerConfiguration {
        var configuration = try ServerTestPKI.get().serverConfiguration(type)
        change(&configuration)
        return configuration
    }

    /// Collects what the server sends and its summary until it wants input.
    private func collect(_ harness: inout ServerHandshakeHarness) throws -> ([(ContentType, ByteBuffer)], HandshakeSummary?) {
        var records: [(ContentType, ByteBuffer)] = []
        var summary: HandshakeSummary?
        while let action = try harness.connection.nextAction() {
            switch action {
            case .send(let bytes): records += try TestRecords.split(bytes)
            case .handshakeCompleted(let completed): summary = completed
            default: break
            }
        }
        return (records, summary)
    }

    /// A full handshake with the scripted client; returns the server's summary and the client.
    private func fullHandshake(
        configuration: TLSServerConfiguration, hello: ClientHello
    ) throws -> (ServerHandshakeHarness, TLS12ScriptedClient, HandshakeSummary) {
        var harness = try ServerHandshakeHarness(configuration: configuration)
        var client = TLS12ScriptedClient(hello: hello)
        try client.start(&harness)
        let types = client.serverMessages.map(\.type)
        #expect(types.first == .serverHello)
        #expect(types.last == .serverHelloDone)
        let parameters = try #require(client.parameters)
        if parameters.keyExchange == .ecdhe {
            let (keyExchange, secret) = try client.ecdheKeyExchange()
            try client.sendKeyExchange(keyExchange, preMasterSecret: secret, to: &harness)
        } else {
            let (secret, encrypted) = try TLS12RSAKeyExchange.clientKeyExchange(publicKey: try client.serverEncryptionKey())
            try client.sendKeyExchange(.rsa(encryptedPreMasterSecret: encrypted), preMasterSecret: secret, to: &harness)
        }
        var finished = try client.finishedRecord()
        harness.connection.receive(&finished)
        let (records, summary) = try collect(&harness)
        // [NewSessionTicket], ChangeCipherSpec, Finished.
        let ccsIndex = try #require(records.firstIndex { $0.0 == .changeCipherSpec })
        for (type, fragment) in records[..<ccsIndex] {
            #expect(type == .handshake)
            var body = fragment
            _ = try body.readTLSUInt8()
            let payload = try body.readTLSVector24("NewSessionTicket")
            client.transcript.append(fragment)
            let ticket = try HandshakeMessage.decode(type: .newSessionTicket, body: payload, form: .tls12(keyExchange: nil))
            client.serverMessages.append(ticket)
        }
        let expected = try #require(client.keys).finished(sender: .server, handshakeHash: client.transcript.currentHash())
        let messages = try client.openServerRecords(Array(records[(ccsIndex + 1)...]))
        #expect(messages == [.finished(expected)])
        return (harness, client, try #require(summary, "the server did not complete"))
    }

    // MARK: - Version negotiation

    @Test(arguments: [ProtocolVersion.tls10, .tls11, .ssl30])
    func oldVersionOnlyIsProtocolVersion(_ version: ProtocolVersion) throws {
        var harness = try ServerHandshakeHarness(configuration: configuration())
        harness.receive(.clientHello(TLS12ScriptedClient.clientHello(legacyVersion: version)))
        let error = try harness.expectFailure(.protocolVersion)
        #expect(error.reason.contains("only \(version)"), "\(error)")
    }

    @Test func supportedVersionsWithOnlyOldVersionsIsProtocolVersion() throws {
        var harness = try ServerHandshakeHarness(configuration: configuration())
        harness.receive(.clientHello(TLS12ScriptedClient.clientHello(extra: [.supportedVersionsClient([.tls11, .tls10])])))
        try harness.expectFailure(.protocolVersion)
    }

    @Test func fallbackSCSVBelowOurBestIsInappropriateFallback() throws {
        var harness = try ServerHandshakeHarness(configuration: configuration())
        harness.receive(.clientHello(TLS12ScriptedClient.clientHello(suites: CipherSuite.tls12Suites + [.tlsFallbackSCSV])))
        let error = try harness.expectFailure(.inappropriateFallback)
        #expect(error.reason.contains("RFC 7507"))
    }

    @Test func fallbackSCSVAtOurBestIsAccepted() throws {
        var harness = try ServerHandshakeHarness(configuration: configuration { $0.versions = [.tls12] })
        var client = TLS12ScriptedClient(
            hello: TLS12ScriptedClient.clientHello(suites: CipherSuite.tls12Suites + [.tlsFallbackSCSV]))
        try client.start(&harness)
        #expect(client.serverHello != nil)
    }

    @Test func downgradeSentinelWhenTLS13IsEnabled() throws {
        var harness = try ServerHandshakeHarness(configuration: configuration())
        var client = TLS12ScriptedClient(hello: TLS12ScriptedClient.clientHello())
        try client.start(&harness)
        let random = try #require(client.serverHello?.random)
        #expect(Array(random.suffix(8)) == [0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44, 0x01])
        #expect(client.serverHello?.legacyVersion == .tls12)
    }

    @Test func noDowngradeSentinelWhenCappedAtTLS12() throws {
        var harness = try ServerHandshakeHarness(configuration: configuration { $0.versions = [.tls12] })
        var client = TLS12ScriptedClient(hello: TLS12ScriptedClient.clientHello())
        try client.start(&harness)
        let random = try #require(client.serverHello?.random)
        #expect(Array(random.suffix(8)) != [0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44, 0x01])
    }

    @Test func supportedVersionsWithTLS12OnlyGetsTLS12() throws {
        var harness = try ServerHandshakeHarness(configuration: configuration())
        var client = TLS12ScriptedClient(hello: TLS12ScriptedClient.clientHello(extra: [.supportedVersionsClient([.tls12])]))
        try client.start(&harness)
        #expect(client.serverHello?.extensions.first(.supportedVersions) == nil)
        #expect(client.serverMessages.map(\.type) == [.serverHello, .certificate, .serverKeyExchange, .serverHelloDone])
    }

    // MARK: - ClientHello checks

    @Test func deflateOnlyCompressionIsRefused() throws {
        var harness = try ServerHandshakeHarness(configuration: configuration())
        harness.receive(.clientHello(TLS12ScriptedClient.clientHello(compression: [1])))
        let error = try harness.expectFailure(.illegalParameter)
        #expect(error.reason.contains("compression"))
    }

    @Test func deflateAndNullCompressionUsesNull() throws {
        let (_, client, _) = try fullHandshake(
            configuration: configuration(), hello: TLS12ScriptedClient.clientHello(compression: [1, 0]))
        #expect(client.serverHello?.legacyCompressionMethod == 0)
    }

    @Test func withoutExtendedMasterSecretIsRefusedByDefault() throws {
        var harness = try ServerHandshakeHarness(configuration: configuration())
        harness.receive(.clientHello(TLS12ScriptedClient.clientHello(extendedMasterSecret: false)))
        let error = try harness.expectFailure(.handshakeFailure)
        #expect(error.reason.contains("RFC 7627"))
        #expect(error.reason.contains("requireExtendedMasterSecret"))
    }

    @Test func withoutExtendedMasterSecretIsAcceptedWithTheSwitchOff() throws {
        let (_, client, summary) = try fullHandshake(
            configuration: configuration { $0.requireExtendedMasterSecret = false },
            hello: TLS12ScriptedClient.clientHello(extendedMasterSecret: false))
        #expect(client.serverHello?.extensions.first(.extendedMasterSecret) == nil)
        #expect(summary.extendedMasterSecret == false)
    }

    @Test func nonEmptyRenegotiationInfoIsHandshakeFailure() throws {
        var harness = try ServerHandshakeHarness(configuration: configuration())
        harness.receive(.clientHello(TLS12ScriptedClient.clientHello(
            suites: CipherSuite.tls12Suites, extra: [.renegotiationInfo([1, 2, 3])])))
        try harness.expectFailure(.handshakeFailure)
    }

    @Test func pointFormatsWithoutUncompressedIsIllegalParameter() throws {
        var hello = TLS12ScriptedClient.clientHello()
        hello.extensions = hello.extensions.map { if case .ecPointFormats = $0 { .ecPointFormats([1]) } else { $0 } }
        var harness = try ServerHandshakeHarness(configuration: configuration())
        harness.receive(.clientHello(hello))
        try harness.expectFailure(.illegalParameter)
    }

    @Test func noSharedSuiteIsHandshakeFailureNamingBothSides() throws {
        var harness = try ServerHandshakeHarness(configuration: configuration())
        // An ECDSA certificate cannot serve the ECDHE_RSA suites.
        harness.receive(.clientHello(TLS12ScriptedClient.clientHello(suites: [.tlsECDHERSAWithAES128GCMSHA256])))
        let error = try harness.expectFailure(.handshakeFailure)
        #expect(error.reason.contains("could not be served"), "\(error)")
    }

    @Test func rsaKeyExchangeIsNotChosenUnlessConfigured() throws {
        var harness = try ServerHandshakeHarness(configuration: configuration(.rsa2048))
        harness.receive(.clientHello(TLS12ScriptedClient.clientHello(suites: CipherSuite.tls12RSAKeyExchangeSuites)))
        try harness.expectFailure(.handshakeFailure)
    }

    // MARK: - Full handshakes

    static let suites: [(CipherSuite, DevelopmentKeyType)] = [
        (.tlsECDHEECDSAWithAES128GCMSHA256, .p256), (.tlsECDHEECDSAWithAES256GCMSHA384, .p384),
        (.tlsECDHEECDSAWithChaCha20Poly1305SHA256, .ed25519), (.tlsECDHERSAWithAES128GCMSHA256, .rsa2048),
        (.tlsECDHERSAWithAES256GCMSHA384, .rsa2048), (.tlsECDHERSAWithChaCha20Poly1305SHA256, .rsa2048),
    ]

    @Test(arguments: suites)
    func fullECDHEHandshake(_ suite: CipherSuite, _ key: DevelopmentKeyType) throws {
        let (harness, client, summary) = try fullHandshake(
            configuration: configuration(key), hello: TLS12ScriptedClient.clientHello(suites: [suite, .tlsEmptyRenegotiationInfoSCSV]))
        #expect(summary.version == .tls12)
        #expect(summary.cipherSuite == suite)
        #expect(summary.extendedMasterSecret == true)
        #expect(summary.group == .x25519)
        #expect(summary.resumed == false)
        #expect(summary.localSignatureScheme != nil)
        #expect(harness.connection.isHandshakeComplete)
        let extensions = try #require(client.serverHello?.extensions)
        #expect(extensions.contains(.renegotiationInfo([])))
        #expect(extensions.contains(.extendedMasterSecret))
        #expect(extensions.contains(.ecPointFormats([0])))
        #expect(client.serverHello?.legacySessionIDEcho.count == 32)
        #expect(client.serverMessages.map(\.type) == [.serverHello, .certificate, .serverKeyExchange, .serverHelloDone])
    }

    /// A client listing one NIST curve gets it, with a certificate on it (RFC 8422, Section 5.3).
    @Test(arguments: [(NamedGroup.secp256r1, DevelopmentKeyType.p256), (.secp384r1, .p384)])
    func nistGroups(_ group: NamedGroup, _ certificate: DevelopmentKeyType) throws {
        let (_, _, summary) = try fullHandshake(
            configuration: configuration(certificate), hello: TLS12ScriptedClient.clientHello(groups: [group]))
        #expect(summary.group == group)
    }

    @Test func applicationDataFlowsBothWays() throws {
        var (harness, client, _) = try fullHandshake(
            configuration: configuration(), hello: TLS12ScriptedClient.clientHello())
        var record = ByteBuffer()
        try client.clientProtection?.seal(contentType: .applicationData, plaintext: ByteBuffer(string: "ping"), into: &record)
        harness.connection.receive(&record)
        guard case .deliver(let data)? = try harness.connection.nextAction() else {
            Issue.record("nothing delivered")
            return
        }
        #expect(String(buffer: data) == "ping")
        try harness.connection.write(ByteBuffer(string: "pong"))
        guard case .send(let bytes)? = try harness.connection.nextAction() else {
            Issue.record("nothing sent")
            return
        }
        let (type, fragment) = try #require(try TestRecords.split(bytes).first)
        var protection = try #require(client.serverProtection)
        let (inner, plaintext) = try protection.open(TLSRecord(contentType: type, legacyVersion: .tls12, fragment: fragment))
        #expect(inner == .applicationData)
        #expect(String(buffer: plaintext) == "pong")
        #expect(throws: TLSError.self) { try harness.connection.updateKeys() }
        let exported = try harness.connection.exportKeyingMaterial(label: "EXPORTER-test", context: nil, length: 32)
        #expect(exported.count == 32)
    }

    @Test func renegotiationGetsNoRenegotiationWarningAndGoesOn() throws {
        var (harness, client, _) = try fullHandshake(
            configuration: configuration(), hello: TLS12ScriptedClient.clientHello())
        var record = ByteBuffer()
        let renegotiation = HandshakeMessage.clientHello(TLS12ScriptedClient.clientHello(
            suites: CipherSuite.tls12Suites, extra: [.renegotiationInfo(Array(repeating: 0, count: 12))]))
        try client.clientProtection?.seal(contentType: .handshake, plaintext: renegotiation.encoded, into: &record)
        harness.connection.receive(&record)
        let (records, summary) = try collect(&harness)
        #expect(summary == nil)
        #expect(records.count == 1)
        var protection = try #require(client.serverProtection)
        let (type, fragment) = try #require(records.first)
        let (inner, plaintext) = try protection.open(TLSRecord(contentType: type, legacyVersion: .tls12, fragment: fragment))
        #expect(inner == .alert)
        #expect(Array(plaintext.readableBytesView) == [AlertLevel.warning.rawValue, AlertDescription.noRenegotiation.rawValue])
        client.serverProtection = protection
        // The connection goes on.
        var data = ByteBuffer()
        try client.clientProtection?.seal(contentType: .applicationData, plaintext: ByteBuffer(string: "still here"), into: &data)
        harness.connection.receive(&data)
        guard case .deliver(let delivered)? = try harness.connection.nextAction() else {
            Issue.record("nothing delivered after the refused renegotiation")
            return
        }
        #expect(String(buffer: delivered) == "still here")
    }

    @Test func changeCipherSpecBeforeClientKeyExchangeIsUnexpectedMessage() throws {
        var harness = try ServerHandshakeHarness(configuration: configuration())
        var client = TLS12ScriptedClient(hello: TLS12ScriptedClient.clientHello())
        try client.start(&harness)
        harness.receiveRecord(.changeCipherSpec, ByteBuffer(bytes: [1]))
        try harness.expectFailure(.unexpectedMessage)
    }

    @Test(arguments: [[UInt8](repeating: 9, count: 5), [UInt8](repeating: 0, count: 32)])
    func malformedECDHEPointIsIllegalParameter(_ point: [UInt8]) throws {
        var harness = try ServerHandshakeHarness(configuration: configuration())
        // X25519 for the key exchange; secp256r1 for the certificate (RFC 8422, Section 5.3).
        var client = TLS12ScriptedClient(hello: TLS12ScriptedClient.clientHello(groups: [.x25519, .secp256r1]))
        try client.start(&harness)
        harness.receiveRecord(.handshake, HandshakeMessage.clientKeyExchange(.ecdhe(ecdhYc: point)).encoded)
        try harness.expectFailure(.illegalParameter)
    }

    @Test func truncatedClientKeyExchangeIsDecodeError() throws {
        var harness = try ServerHandshakeHarness(configuration: configuration())
        var client = TLS12ScriptedClient(hello: TLS12ScriptedClient.clientHello())
        try client.start(&harness)
        harness.receiveRecord(.handshake, ByteBuffer(bytes: [HandshakeType.clientKeyExchange.rawValue, 0, 0, 3, 32, 1, 2]))
        try harness.expectFailure(.decodeError)
    }

    @Test func badClientFinishedIsRefused() throws {
        var harness = try ServerHandshakeHarness(configuration: configuration())
        var client = TLS12ScriptedClient(hello: TLS12ScriptedClient.clientHello())
        try client.start(&harness)
        let (keyExchange, secret) = try client.ecdheKeyExchange()
        try client.sendKeyExchange(keyExchange, preMasterSecret: secret, to: &harness)
        client.transcript.append(bytes: [0])  // the client hashes something else
        var finished = try client.finishedRecord()
        harness.connection.receive(&finished)
        try harness.expectFailure(.decryptError)
    }

    @Test func keyLogHasTheClientRandomLine() throws {
        let log = KeyLogCollector()
        let (_, client, _) = try fullHandshake(
            configuration: configuration { $0.keyLog = log.callback }, hello: TLS12ScriptedClient.clientHello())
        #expect(log.lines.count == 1)
        #expect(log.lines.first?.hasPrefix("CLIENT_RANDOM ") == true)
        let masterSecret = try #require(client.keys?.masterSecret)
        #expect(log.secret("CLIENT_RANDOM") == masterSecret.withUnsafeBytes { Array($0) })
    }

    @Test func helloRequestFromTheClientIsUnexpectedMessage() throws {
        var (harness, client, _) = try fullHandshake(configuration: configuration(), hello: TLS12ScriptedClient.clientHello())
        var record = ByteBuffer()
        try client.clientProtection?.seal(contentType: .handshake, plaintext: HandshakeMessage.helloRequest.encoded, into: &record)
        harness.connection.receive(&record)
        #expect(throws: TLSError.self) {
            while try harness.connection.nextAction() != nil {}
        }
    }

    @Test func sessionTicketsAfterTheHandshakeAreRefusedInTLS12() throws {
        var (harness, _, _) = try fullHandshake(configuration: configuration(), hello: TLS12ScriptedClient.clientHello())
        let error = try #require(throws: TLSError.self) { try harness.connection.sendSessionTickets(count: 1) }
        #expect(error.code == .invalidState)
        #expect(error.reason.contains("RFC 5077"))
    }

    // MARK: - RSA key exchange: implicit rejection (RFC 5246, Section 7.4.7.1)

    enum PreMaster: CaseIterable { case wrongVersion, badPadding, wrongLength, emptyCiphertext, correctButFinishedCorrupted }

    /// Whatever the premaster, the server sends nothing after the ClientKeyExchange and the
    /// ChangeCipherSpec, and fails on the Finished with the same alert.
    @Test(arguments: PreMaster.allCases)
    func rsaPremasterProblemsAllFailAtFinishedTheSameWay(_ premaster: PreMaster) throws {
        let configuration = try configuration(.rsa2048) { $0.cipherSuites = CipherSuite.tls12RSAKeyExchangeSuites }
        var harness = try ServerHandshakeHarness(configuration: configuration)
        var client = TLS12ScriptedClient(hello: TLS12ScriptedClient.clientHello(suites: [.tlsRSAWithAES128GCMSHA256]))
        try client.start(&harness)
        #expect(client.serverMessages.map(\.type) == [.serverHello, .certificate, .serverHelloDone])
        let publicKey = try client.serverEncryptionKey()
        let meant: SymmetricKey
        let encrypted: [UInt8]
        switch premaster {
        case .wrongVersion:
            meant = TLS12RSAKeyExchange.makePreMasterSecret(clientVersion: .tls11)
            encrypted = try TLS12RSAKeyExchange.encrypt(preMasterSecret: meant, publicKey: publicKey)
        case .badPadding:
            meant = TLS12RSAKeyExchange.makePreMasterSecret()
            // Random bytes below the modulus: they decrypt to something without PKCS#1 padding.
            encrypted = [0] + RandomBytes.generate(count: 255)
        case .wrongLength:
            meant = TLS12RSAKeyExchange.makePreMasterSecret()
            encrypted = Array(try meant.withUnsafeBytes { bytes in
                try publicKey.encrypt(Array(bytes.prefix(47)), padding: ._WEAK_AND_INSECURE_PKCS_V1_5)
            })
        case .emptyCiphertext:
            meant = TLS12RSAKeyExchange.makePreMasterSecret()
            encrypted = []
        case .correctButFinishedCorrupted:
            (meant, encrypted) = try TLS12RSAKeyExchange.clientKeyExchange(publicKey: publicKey)
        }
        try client.sendKeyExchange(.rsa(encryptedPreMasterSecret: encrypted), preMasterSecret: meant, to: &harness)
        let (beforeFinished, _) = try collect(&harness)
        #expect(beforeFinished.isEmpty, "the server sent something before the client's Finished")
        var finished = try client.finishedRecord(corrupt: premaster == .correctButFinishedCorrupted)
        harness.connection.receive(&finished)
        let error = try harness.expectFailure(.badRecordMAC)
        #expect(error.code == .peerMisbehaved)
    }

    @Test func rsaKeyExchangeCompletesWithTheLegacyPreset() throws {
        let identity = try ServerTestPKI.get().identity(.rsa2048)
        let (_, _, summary) = try fullHandshake(
            configuration: .legacy(identities: [identity]),
            hello: TLS12ScriptedClient.clientHello(suites: [.tlsRSAWithAES256GCMSHA384]))
        #expect(summary.cipherSuite == .tlsRSAWithAES256GCMSHA384)
        #expect(summary.group == nil)
        #expect(summary.localSignatureScheme == nil)
    }

    // MARK: - Resumption

    /// The abbreviated handshake from `hello`, with the keys of `master`.
    private func resume(
        _ harness: inout ServerHandshakeHarness, hello: ClientHello, masterSecret: SymmetricKey, extendedMasterSecret: Bool
    ) throws -> (TLS12ScriptedClient, HandshakeSummary?) {
        var client = TLS12ScriptedClient(hello: hello)
        harness.receive(.clientHello(hello))
        let (records, _) = try collect(&harness)
        let ccsIndex = try #require(records.firstIndex { $0.0 == .changeCipherSpec })
        var reassembler = HandshakeReassembler(maximumMessageSize: 1 << 16)
        for (_, fragment) in records[..<ccsIndex] { reassembler.append(fragment) }
        while let message = try reassembler.nextMessage() {
            let decoded = try HandshakeMessage.decode(type: message.type, body: message.body, form: .tls12(keyExchange: nil))
            if case .serverHello(let serverHello) = decoded {
                client.serverHello = serverHello
                let parameters = try #require(CipherSuiteParameters.tls12(serverHello.cipherSuite))
                client.parameters = parameters
                client.transcript.choose(parameters.hash)
                client.transcript.append(client.helloRaw)
            }
            client.transcript.append(message.raw)
            client.serverMessages.append(decoded)
        }
        let parameters = try #require(client.parameters)
        client.useKeys(TLS12SessionKeys(
            parameters: parameters, masterSecret: masterSecret, extendedMasterSecret: extendedMasterSecret,
            clientRandom: hello.random, serverRandom: client.serverRandom))
        let expected = try #require(client.keys).finished(sender: .server, handshakeHash: client.transcript.currentHash())
        #expect(try client.openServerRecords(Array(records[(ccsIndex + 1)...])) == [.finished(expected)])
        client.transcript.append(HandshakeMessage.finished(expected).encoded)
        harness.receiveRecord(.changeCipherSpec, ByteBuffer(bytes: [1]))
        var finished = try client.finishedRecord()
        harness.connection.receive(&finished)
        let (_, summary) = try collect(&harness)
        return (client, summary)
    }

    @Test func sessionIDResumption() throws {
        let configuration = try configuration()
        let (_, first, _) = try fullHandshake(configuration: configuration, hello: TLS12ScriptedClient.clientHello())
        let sessionID = try #require(first.serverHello?.legacySessionIDEcho)
        let masterSecret = try #require(first.keys?.masterSecret)
        var harness = try ServerHandshakeHarness(configuration: configuration)
        let (client, summary) = try resume(
            &harness, hello: TLS12ScriptedClient.clientHello(sessionID: sessionID), masterSecret: masterSecret,
            extendedMasterSecret: true)
        #expect(client.serverHello?.legacySessionIDEcho == sessionID)
        let resumed = try #require(summary)
        #expect(resumed.resumed)
        #expect(resumed.version == .tls12)
        #expect(resumed.extendedMasterSecret == true)
        #expect(harness.connection.isHandshakeComplete)
    }

    @Test func unknownSessionIDGetsAFullHandshake() throws {
        var harness = try ServerHandshakeHarness(configuration: configuration())
        var client = TLS12ScriptedClient(hello: TLS12ScriptedClient.clientHello(sessionID: Array(repeating: 7, count: 32)))
        try client.start(&harness)
        #expect(client.serverHello?.legacySessionIDEcho != Array(repeating: 7, count: 32))
        #expect(client.serverMessages.map(\.type).contains(.certificate))
    }

    @Test func ticketResumption() throws {
        let configuration = try configuration { $0.sessionCache = nil }
        let (_, first, _) = try fullHandshake(configuration: configuration, hello: TLS12ScriptedClient.clientHello(ticket: []))
        #expect(first.serverHello?.extensions.contains(.sessionTicket([])) == true)
        #expect(first.serverHello?.legacySessionIDEcho.isEmpty == true)
        var ticket: [UInt8] = []
        for case .tls12NewSessionTicket(let issued) in first.serverMessages { ticket = issued.ticket }
        #expect(!ticket.isEmpty)
        let masterSecret = try #require(first.keys?.masterSecret)
        var harness = try ServerHandshakeHarness(configuration: configuration)
        let sessionID = RandomBytes.generate(count: 32)
        let (client, summary) = try resume(
            &harness, hello: TLS12ScriptedClient.clientHello(sessionID: sessionID, ticket: ticket),
            masterSecret: masterSecret, extendedMasterSecret: true)
        #expect(client.serverHello?.legacySessionIDEcho == sessionID)
        #expect(client.serverMessages.map(\.type) == [.serverHello, .newSessionTicket])
        #expect(summary?.resumed == true)
    }

    @Test func resumingAnEMSSessionWithoutEMSIsHandshakeFailure() throws {
        let configuration = try configuration { $0.requireExtendedMasterSecret = false }
        let (_, first, _) = try fullHandshake(configuration: configuration, hello: TLS12ScriptedClient.clientHello())
        let sessionID = try #require(first.serverHello?.legacySessionIDEcho)
        var harness = try ServerHandshakeHarness(configuration: configuration)
        harness.receive(.clientHello(TLS12ScriptedClient.clientHello(extendedMasterSecret: false, sessionID: sessionID)))
        let error = try harness.expectFailure(.handshakeFailure)
        #expect(error.reason.contains("RFC 7627"))
    }

    @Test func sessionWithoutEMSAndHelloWithEMSGetsAFullHandshake() throws {
        let configuration = try configuration { $0.requireExtendedMasterSecret = false }
        let (_, first, _) = try fullHandshake(
            configuration: configuration, hello: TLS12ScriptedClient.clientHello(extendedMasterSecret: false))
        let sessionID = try #require(first.serverHello?.legacySessionIDEcho)
        var harness = try ServerHandshakeHarness(configuration: configuration)
        var client = TLS12ScriptedClient(hello: TLS12ScriptedClient.clientHello(sessionID: sessionID))
        try client.start(&harness)
        #expect(client.serverHello?.legacySessionIDEcho != sessionID)
        #expect(client.serverMessages.map(\.type).contains(.certificate))
    }

    @Test func sessionWithASuiteNoLongerOfferedGetsAFullHandshake() throws {
        let configuration = try configuration()
        let (_, first, _) = try fullHandshake(
            configuration: configuration, hello: TLS12ScriptedClient.clientHello(suites: [.tlsECDHEECDSAWithAES128GCMSHA256]))
        let sessionID = try #require(first.serverHello?.legacySessionIDEcho)
        var harness = try ServerHandshakeHarness(configuration: configuration)
        var client = TLS12ScriptedClient(hello: TLS12ScriptedClient.clientHello(
            suites: [.tlsECDHEECDSAWithAES256GCMSHA384], sessionID: sessionID))
        try client.start(&harness)
        #expect(client.serverHello?.cipherSuite == .tlsECDHEECDSAWithAES256GCMSHA384)
        #expect(client.serverMessages.map(\.type).contains(.certificate))
    }

    // MARK: - Session cache

    @Test func sessionCacheIsBoundedAndExpires() {
        let cache = TLS12SessionCache(capacity: 3)
        let now = Date()
        for index in 0..<5 {
            cache.store(id: [UInt8(index)], session: [UInt8(index)], expiresAt: now.addingTimeInterval(60))
        }
        #expect(cache.count == 3)
        #expect(cache.session(id: [0], now: now) == nil)
        #expect(cache.session(id: [4], now: now) == [4])
        #expect(cache.session(id: [4], now: now) == [4], "a session ID resumes more than once")
        #expect(cache.session(id: [4], now: now.addingTimeInterval(61)) == nil)
        #expect(cache.count == 2)
    }
}
