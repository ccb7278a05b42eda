import NIOCore
import Testing
@testable import TLSKit

/// The client's checks on what the server sends (RFC 8446, Sections 4.1.2 to 4.1.4 and 6).
@Suite struct ClientHandshakeTests {
    @Test func firstClientHelloOffersTLS13WithDefaultSharesAndSNI() throws {
        let harness = try ClientHandshakeHarness()
        let hello = try #require(harness.clientHellos.first)
        #expect(hello.legacyVersion == .tls12)
        #expect(hello.random.count == 32)
        #expect(hello.legacySessionID.count == 32)
        #expect(hello.cipherSuites == CipherSuite.tls13Suites + CipherSuite.tls12Suites)
        #expect(hello.extensions.first(.supportedVersions) == .supportedVersionsClient([.tls13, .tls12]))
        #expect(hello.extensions.first(.serverName) == .serverName(ServerNameList(names: ["localhost"])))
        guard case .keyShareClient(let shares)? = hello.extensions.first(.keyShare) else {
            Issue.record("no key_share")
            return
        }
        #expect(shares.map(\.group) == [.x25519MLKEM768, .x25519])
        #expect(shares[0].keyExchange.count == 1184 + 32)
        #expect(shares[1].keyExchange.count == 32)
        guard case .signatureAlgorithms(let schemes)? = hello.extensions.first(.signatureAlgorithms) else {
            Issue.record("no signature_algorithms")
            return
        }
        #expect(schemes == SignatureScheme.tls12HandshakeSchemes)
        #expect(hello.extensions.first(.signatureAlgorithmsCert) != nil)
    }

    @Test func ipAddressIsNotSentAsServerName() throws {
        let harness = try ClientHandshakeHarness(serverName: "127.0.0.1")
        #expect(harness.clientHellos.first?.extensions.first(.serverName) == nil)
        let v6 = try ClientHandshakeHarness(serverName: "::1")
        #expect(v6.clientHellos.first?.extensions.first(.serverName) == nil)
    }

    @Test func alpnIsOffered() throws {
        var configuration = ClientHandshakeHarness.configuration()
        configuration.applicationProtocols = ["h2", "http/1.1"]
        let harness = try ClientHandshakeHarness(configuration: configuration)
        #expect(harness.clientHellos.first?.extensions.first(.applicationLayerProtocolNegotiation)
            == .applicationLayerProtocolNegotiation(["h2", "http/1.1"]))
    }

    @Test func cipherSuiteNotOfferedIsIllegalParameter() throws {
        var configuration = ClientHandshakeHarness.configuration()
        configuration.cipherSuites = [.tlsAES128GCMSHA256]
        var harness = try ClientHandshakeHarness(configuration: configuration)
        harness.receive(.serverHello(try harness.serverHello(cipherSuite: .tlsAES256GCMSHA384)))
        let error = try harness.expectFailure(sendsAlert: .illegalParameter)
        #expect(error.reason.contains("TLS_AES_256_GCM_SHA384"))
    }

    @Test func unknownCipherSuiteIsIllegalParameter() throws {
        var harness = try ClientHandshakeHarness()
        harness.receive(.serverHello(try harness.serverHello(cipherSuite: CipherSuite(rawValue: 0xC02F))))
        _ = try harness.expectFailure(sendsAlert: .illegalParameter)
    }

    @Test func versionNotOfferedIsIllegalParameter() throws {
        var harness = try ClientHandshakeHarness()
        harness.receive(.serverHello(try harness.serverHello(version: .tls12)))
        _ = try harness.expectFailure(sendsAlert: .illegalParameter)
    }

    @Test func serverWithoutTLS13IsProtocolVersion() throws {
        var configuration = ClientHandshakeHarness.configuration()
        configuration.versions = [.tls13]
        var harness = try ClientHandshakeHarness(configuration: configuration)
        var hello = try harness.serverHello(version: nil)
        hello.extensions = []
        harness.receive(.serverHello(hello))
        let error = try harness.expectFailure(sendsAlert: .protocolVersion)
        #expect(error.code == .peerIncompatible)
    }

    @Test func keyShareForGroupWithoutClientShareIsIllegalParameter() throws {
        var harness = try ClientHandshakeHarness()
        let response = try KeyExchangeResponder.respond(
            group: .secp256r1, clientShare: try KeyExchangeKeyPair.generate(group: .secp256r1).publicKeyShare)
        harness.receive(.serverHello(try harness.serverHello(
            keyShare: KeyShareEntry(group: .secp256r1, keyExchange: response.serverShare))))
        _ = try harness.expectFailure(sendsAlert: .illegalParameter)
    }

    @Test func malformedKeyShareIsIllegalParameter() throws {
        var harness = try ClientHandshakeHarness()
        harness.receive(.serverHello(try harness.serverHello(
            keyShare: KeyShareEntry(group: .x25519, keyExchange: [1, 2, 3]))))
        _ = try harness.expectFailure(sendsAlert: .illegalParameter)
    }

    @Test func wrongSessionIDEchoIsIllegalParameter() throws {
        var harness = try ClientHandshakeHarness()
        harness.receive(.serverHello(try harness.serverHello(sessionIDEcho: [])))
        _ = try harness.expectFailure(sendsAlert: .illegalParameter)
    }

    @Test func unsolicitedExtensionInServerHelloIsUnsupportedExtension() throws {
        var harness = try ClientHandshakeHarness()
        harness.receive(.serverHello(try harness.serverHello(
            extraExtensions: [.unknown(type: ExtensionType(rawValue: 0x7A7A), data: [])])))
        _ = try harness.expectFailure(sendsAlert: .unsupportedExtension)
    }

    @Test func messageOutOfOrderIsUnexpectedMessage() throws {
        var harness = try ClientHandshakeHarness()
        harness.receive(.encryptedExtensions(EncryptedExtensions(extensions: [])))
        let error = try harness.expectFailure(sendsAlert: .unexpectedMessage)
        #expect(error.reason.contains("EncryptedExtensions"))
    }

    @Test func applicationDataBeforeHandshakeIsUnexpectedMessage() throws {
        var harness = try ClientHandshakeHarness()
        harness.receiveRecord(.applicationData, ByteBuffer(string: "hello"))
        _ = try harness.expectFailure(sendsAlert: .unexpectedMessage)
    }

    @Test func oversizedPlaintextRecordIsRecordOverflow() throws {
        var harness = try ClientHandshakeHarness()
        harness.receiveRecord(.handshake, ByteBuffer(repeating: 0, count: 16385))
        _ = try harness.expectFailure(sendsAlert: .recordOverflow)
    }

    @Test func garbageIsRejectedWithoutCrash() throws {
        var harness = try ClientHandshakeHarness()
        var garbage = ByteBuffer(string: "HTTP/1.1 400 Bad Request\r\n\r\n")
        harness.connection.receive(&garbage)
        _ = try harness.expectFailure(sendsAlert: .unexpectedMessage)
    }

    @Test func fatalAlertFromServerIsReportedAndNotAnswered() throws {
        var harness = try ClientHandshakeHarness()
        harness.receiveRecord(.alert, ByteBuffer(bytes: [2, AlertDescription.handshakeFailure.rawValue]))
        let error = try harness.expectFailure(sendsAlert: nil)
        #expect(error.code == .alertReceived)
        #expect(error.alert == .handshakeFailure)
        #expect(error.reason.contains("handshake_failure"))
    }

    @Test func changeCipherSpecBeforeServerHelloIsIgnored() throws {
        var harness = try ClientHandshakeHarness()
        harness.receiveRecord(.changeCipherSpec, ByteBuffer(bytes: [1]))
        #expect(try harness.connection.nextAction() == nil)
    }

    @Test func writeBeforeHandshakeIsInvalidState() throws {
        var harness = try ClientHandshakeHarness()
        #expect {
            try harness.connection.write(ByteBuffer(string: "early"))
        } throws: { error in
            (error as? TLSError)?.code == .invalidState
        }
    }

    @Test func helloRetryRequestIsAnsweredWithOneShareForTheGroupAndTheCookie() throws {
        var harness = try ClientHandshakeHarness()
        harness.receive(.serverHello(try harness.helloRetryRequest(group: .secp384r1, cookie: [9, 9, 9])))
        try harness.drain()
        #expect(harness.clientHellos.count == 2)
        let second = try #require(harness.clientHellos.last)
        let first = try #require(harness.clientHellos.first)
        guard case .keyShareClient(let shares)? = second.extensions.first(.keyShare) else {
            Issue.record("no key_share in the second ClientHello")
            return
        }
        #expect(shares.map(\.group) == [.secp384r1])
        #expect(second.extensions.first(.cookie) == .cookie([9, 9, 9]))
        #expect(second.random == first.random)
        #expect(second.legacySessionID == first.legacySessionID)
        // Middlebox compatibility: a change_cipher_spec goes out before the second ClientHello.
        let types = harness.sentRecords.map(\.0)
        #expect(types == [.handshake, .changeCipherSpec, .handshake])
    }

    @Test func helloRetryRequestForGroupNotOfferedIsIllegalParameter() throws {
        var configuration = ClientHandshakeHarness.configuration()
        configuration.supportedGroups = [.x25519, .secp256r1]
        configuration.keyShareGroups = [.x25519]
        var harness = try ClientHandshakeHarness(configuration: configuration)
        harness.receive(.serverHello(try harness.helloRetryRequest(group: .secp384r1)))
        _ = try harness.expectFailure(sendsAlert: .illegalParameter)
    }

    @Test func helloRetryRequestForGroupAlreadySharedIsIllegalParameter() throws {
        var harness = try ClientHandshakeHarness()
        harness.receive(.serverHello(try harness.helloRetryRequest(group: .x25519)))
        _ = try harness.expectFailure(sendsAlert: .illegalParameter)
    }

    @Test func helloRetryRequestThatChangesNothingIsIllegalParameter() throws {
        var harness = try ClientHandshakeHarness()
        harness.receive(.serverHello(try harness.helloRetryRequest(group: nil)))
        _ = try harness.expectFailure(sendsAlert: .illegalParameter)
    }

    @Test func secondHelloRetryRequestIsUnexpectedMessage() throws {
        var harness = try ClientHandshakeHarness()
        harness.receive(.serverHello(try harness.helloRetryRequest(group: .secp256r1)))
        try harness.drain()
        harness.receive(.serverHello(try harness.helloRetryRequest(group: .secp384r1)))
        _ = try harness.expectFailure(sendsAlert: .unexpectedMessage)
    }

    @Test func serverHelloAfterRetryMustKeepTheCipherSuite() throws {
        var harness = try ClientHandshakeHarness()
        harness.receive(.serverHello(try harness.helloRetryRequest(group: .secp256r1, cipherSuite: .tlsAES128GCMSHA256)))
        try harness.drain()
        harness.receive(.serverHello(try harness.serverHello(cipherSuite: .tlsAES256GCMSHA384, group: .secp256r1)))
        _ = try harness.expectFailure(sendsAlert: .illegalParameter)
    }

    @Test func acceptedServerHelloSwitchesToEncryptedRecords() throws {
        var harness = try ClientHandshakeHarness()
        harness.receive(.serverHello(try harness.serverHello()))
        // The compatibility change_cipher_spec goes out at once, before any protected record
        // of ours (RFC 8446, Appendix D.4); then the client waits.
        guard case .send(let changeCipherSpec)? = try harness.connection.nextAction() else {
            Issue.record("no change_cipher_spec after the ServerHello")
            return
        }
        #expect(Array(changeCipherSpec.readableBytesView) == [20, 3, 3, 0, 1, 1])
        #expect(try harness.connection.nextAction() == nil)
        // From now on a plaintext handshake record is refused (RFC 8446, Section 5). The
        // alert goes out under the client's handshake keys, which the server reads with
        // (decrypted and checked in the Negative tests), so no plaintext alert is seen here.
        harness.receive(.encryptedExtensions(EncryptedExtensions(extensions: [])))
        let error = try harness.expectFailure(sendsAlert: nil)
        #expect(error.alert == .unexpectedMessage)
    }
}
