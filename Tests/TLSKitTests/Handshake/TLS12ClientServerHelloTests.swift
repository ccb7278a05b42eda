import NIOCore
import Testing
@testable import TLSKit

/// The client's checks on a TLS 1.2 ServerHello: the version fork and the downgrade sentinel
/// (RFC 8446, Sections 4.1.3 and 4.2.1), suite and compression (RFC 5246, Section 7.4.1.3),
/// renegotiation_info (RFC 5746, Section 3.4) and extended_master_secret (RFC 7627, Section 5.2).
@Suite struct TLS12ClientServerHelloTests {
    static func random(endingIn sentinel: [UInt8]) -> [UInt8] {
        Array(repeating: 7, count: 24) + sentinel
    }

    @Test(arguments: [
        [UInt8]([0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44, 0x01]),
        [0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44, 0x00],
    ])
    func downgradeSentinelIsIllegalParameterWhenTLS13WasOffered(_ sentinel: [UInt8]) throws {
        var harness = try ClientHandshakeHarness()
        harness.receive(.serverHello(harness.tls12ServerHello(random: Self.random(endingIn: sentinel))))
        let error = try harness.expectFailure(sendsAlert: .illegalParameter)
        #expect(error.reason.contains("downgrade"), "\(error.reason)")
    }

    @Test func downgradeSentinelIsAcceptedWhenOnlyTLS12WasOffered() throws {
        var configuration = ClientHandshakeHarness.configuration()
        configuration.versions = [.tls12]
        var harness = try ClientHandshakeHarness(configuration: configuration)
        let random = Self.random(endingIn: [0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44, 0x01])
        harness.receive(.serverHello(harness.tls12ServerHello(random: random)))
        #expect(try harness.isStillHandshaking())
    }

    @Test func tls13OnlyClientFacingATLS12ServerIsProtocolVersion() throws {
        var configuration = ClientHandshakeHarness.configuration()
        configuration.versions = [.tls13]
        var harness = try ClientHandshakeHarness(configuration: configuration)
        harness.receive(.serverHello(harness.tls12ServerHello()))
        let error = try harness.expectFailure(sendsAlert: .protocolVersion)
        #expect(error.code == .peerIncompatible)
        #expect(error.reason.contains("only TLSv1.2"), "\(error.reason)")
        #expect(error.reason.contains(".tls12"), "\(error.reason)")
    }

    @Test(arguments: [ProtocolVersion.tls11, .tls10, .ssl30])
    func olderVersionIsProtocolVersion(_ version: ProtocolVersion) throws {
        var harness = try ClientHandshakeHarness()
        harness.receive(.serverHello(harness.tls12ServerHello(legacyVersion: version)))
        let error = try harness.expectFailure(sendsAlert: .protocolVersion)
        #expect(error.reason.contains(version.description), "\(error.reason)")
    }

    @Test func missingRenegotiationInfoIsHandshakeFailure() throws {
        var harness = try ClientHandshakeHarness()
        harness.receive(.serverHello(harness.tls12ServerHello(extensions: [.extendedMasterSecret, .ecPointFormats([0])])))
        let error = try harness.expectFailure(sendsAlert: .handshakeFailure)
        #expect(error.reason.contains("RFC 5746"), "\(error.reason)")
    }

    @Test func nonEmptyRenegotiationInfoIsHandshakeFailure() throws {
        var harness = try ClientHandshakeHarness()
        harness.receive(.serverHello(harness.tls12ServerHello(
            extensions: [.renegotiationInfo([1, 2, 3]), .extendedMasterSecret, .ecPointFormats([0])])))
        _ = try harness.expectFailure(sendsAlert: .handshakeFailure)
    }

    @Test func missingExtendedMasterSecretIsHandshakeFailureByDefault() throws {
        var harness = try ClientHandshakeHarness()
        harness.receive(.serverHello(harness.tls12ServerHello(extensions: [.renegotiationInfo([]), .ecPointFormats([0])])))
        let error = try harness.expectFailure(sendsAlert: .handshakeFailure)
        #expect(error.reason.contains("RFC 7627"), "\(error.reason)")
        #expect(error.reason.contains("requireExtendedMasterSecret"), "\(error.reason)")
    }

    @Test func missingExtendedMasterSecretIsAcceptedWithTheSwitchOff() throws {
        var configuration = ClientHandshakeHarness.configuration()
        configuration.settings.requireExtendedMasterSecret = false
        var harness = try ClientHandshakeHarness(configuration: configuration)
        harness.receive(.serverHello(harness.tls12ServerHello(extensions: [.renegotiationInfo([]), .ecPointFormats([0])])))
        #expect(try harness.isStillHandshaking())
    }

    @Test func wellFormedServerHelloGoesOnToTheCertificate() throws {
        var harness = try ClientHandshakeHarness()
        harness.receive(.serverHello(harness.tls12ServerHello()))
        #expect(try harness.isStillHandshaking())
        // A TLS 1.3 message makes no sense now.
        harness.receive(.encryptedExtensions(EncryptedExtensions(extensions: [])))
        _ = try harness.expectFailure(sendsAlert: .unexpectedMessage)
    }

    @Test(arguments: [
        CipherSuite.tlsRSAWithAES128GCMSHA256, .tlsAES128GCMSHA256, CipherSuite(rawValue: 0xC013),
    ])
    func suiteNotOfferedForTLS12IsIllegalParameter(_ suite: CipherSuite) throws {
        var harness = try ClientHandshakeHarness()
        harness.receive(.serverHello(harness.tls12ServerHello(cipherSuite: suite)))
        _ = try harness.expectFailure(sendsAlert: .illegalParameter)
    }

    @Test func compressionIsIllegalParameter() throws {
        var harness = try ClientHandshakeHarness()
        harness.receive(.serverHello(harness.tls12ServerHello(compression: 1)))
        _ = try harness.expectFailure(sendsAlert: .illegalParameter)
    }

    @Test func extensionNotOfferedIsUnsupportedExtension() throws {
        var harness = try ClientHandshakeHarness()
        harness.receive(.serverHello(harness.tls12ServerHello(
            extensions: ClientHandshakeHarness.tls12ServerHelloExtensions
                + [.applicationLayerProtocolNegotiation(["h2"])])))
        _ = try harness.expectFailure(sendsAlert: .unsupportedExtension)
    }

    /// Some TLS 1.2 servers echo the client's supported_groups; it was offered, so it is
    /// ignored (BoGo's SupportedCurves-ServerHello-TLS12).
    @Test func echoedSupportedGroupsAreIgnored() throws {
        var harness = try ClientHandshakeHarness()
        harness.receive(.serverHello(harness.tls12ServerHello(
            extensions: ClientHandshakeHarness.tls12ServerHelloExtensions + [.supportedGroups([.secp256r1])])))
        #expect(try harness.isStillHandshaking())
    }

    @Test func echoOfTheCompatibilitySessionIDIsIllegalParameter() throws {
        var harness = try ClientHandshakeHarness()
        let sent = try #require(harness.clientHellos.first?.legacySessionID)
        harness.receive(.serverHello(harness.tls12ServerHello(sessionID: sent)))
        _ = try harness.expectFailure(sendsAlert: .illegalParameter)
    }

    @Test func changeCipherSpecBeforeTheServersFlightIsUnexpected() throws {
        var harness = try ClientHandshakeHarness()
        harness.receive(.serverHello(harness.tls12ServerHello()))
        harness.receiveRecord(.changeCipherSpec, ByteBuffer(bytes: [1]))
        _ = try harness.expectFailure(sendsAlert: .unexpectedMessage)
    }

    @Test func handshakeFailureFromTheServerHintsAtRSAKeyExchange() throws {
        var harness = try ClientHandshakeHarness()
        harness.receiveRecord(.alert, ByteBuffer(bytes: [2, 40]))
        let error = try harness.expectFailure(sendsAlert: nil)
        #expect(error.code == .alertReceived)
        #expect(error.reason.contains("CipherSuite.tls12RSAKeyExchangeSuites"), "\(error.reason)")

        var configuration = ClientHandshakeHarness.configuration()
        configuration.cipherSuites = CipherSuite.tls12Suites + CipherSuite.tls12RSAKeyExchangeSuites
        var withRSA = try ClientHandshakeHarness(configuration: configuration)
        withRSA.receiveRecord(.alert, ByteBuffer(bytes: [2, 40]))
        #expect(try withRSA.expectFailure(sendsAlert: nil).reason.contains("RSA key exchange") == false)

        configuration.versions = [.tls13]
        configuration.cipherSuites = CipherSuite.tls13Suites
        var tls13Only = try ClientHandshakeHarness(configuration: configuration)
        tls13Only.receiveRecord(.alert, ByteBuffer(bytes: [2, 40]))
        #expect(try tls13Only.expectFailure(sendsAlert: nil).reason.contains("RSA key exchange") == false)
    }
}
