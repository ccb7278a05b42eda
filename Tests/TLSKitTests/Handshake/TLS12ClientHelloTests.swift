import NIOCore
import Testing
@testable import TLSKit

/// What the client offers a TLS 1.2 server (RFC 5246, Section 7.4.1.2; RFC 7627; RFC 5746;
/// RFC 8422; RFC 5077), with both versions, TLS 1.2 only and TLS 1.3 only.
@Suite struct TLS12ClientHelloTests {
    @Test func defaultHelloOffersBothVersionsAndTheTLS12Extensions() throws {
        let harness = try ClientHandshakeHarness()
        let hello = try #require(harness.clientHellos.first)
        #expect(hello.legacyVersion == .tls12)
        #expect(hello.cipherSuites == CipherSuite.tls13Suites + CipherSuite.tls12Suites)
        #expect(!hello.cipherSuites.contains { CipherSuite.tls12RSAKeyExchangeSuites.contains($0) })
        #expect(hello.extensions.first(.supportedVersions) == .supportedVersionsClient([.tls13, .tls12]))
        #expect(hello.extensions.first(.extendedMasterSecret) == .extendedMasterSecret)
        #expect(hello.extensions.first(.renegotiationInfo) == .renegotiationInfo([]))
        #expect(hello.extensions.first(.ecPointFormats) == .ecPointFormats([0]))
        #expect(hello.extensions.first(.sessionTicket) == .sessionTicket([]))
        #expect(hello.extensions.first(.keyShare) != nil)
        #expect(hello.legacySessionID.count == 32)
    }

    @Test func tls12OnlyHelloIsAPlainTLS12Hello() throws {
        var configuration = ClientHandshakeHarness.configuration()
        configuration.versions = [.tls12]
        let harness = try ClientHandshakeHarness(configuration: configuration)
        let hello = try #require(harness.clientHellos.first)
        #expect(hello.legacyVersion == .tls12)
        #expect(hello.cipherSuites == CipherSuite.tls12Suites)
        #expect(hello.legacySessionID.isEmpty)
        for absent in [ExtensionType.supportedVersions, .keyShare, .pskKeyExchangeModes, .preSharedKey, .earlyData] {
            #expect(hello.extensions.first(absent) == nil, "\(absent)")
        }
        #expect(hello.extensions.first(.supportedGroups) == .supportedGroups([.x25519, .secp256r1, .secp384r1]))
        #expect(hello.extensions.first(.signatureAlgorithms) == .signatureAlgorithms(SignatureScheme.tls12HandshakeSchemes))
        #expect(hello.extensions.first(.extendedMasterSecret) == .extendedMasterSecret)
        #expect(hello.extensions.first(.renegotiationInfo) == .renegotiationInfo([]))
        #expect(hello.extensions.first(.ecPointFormats) == .ecPointFormats([0]))
        #expect(hello.extensions.first(.sessionTicket) == .sessionTicket([]))
    }

    @Test func rsaKeyExchangeSuitesAreOfferedOnlyWhenConfigured() throws {
        var configuration = ClientHandshakeHarness.configuration()
        configuration.cipherSuites = CipherSuite.tls12Suites + CipherSuite.tls12RSAKeyExchangeSuites
        let harness = try ClientHandshakeHarness(configuration: configuration)
        let hello = try #require(harness.clientHellos.first)
        #expect(hello.cipherSuites == CipherSuite.tls12Suites + CipherSuite.tls12RSAKeyExchangeSuites)
        #expect(hello.extensions.first(.supportedVersions) == nil)
    }

    @Test func tls13OnlyHelloHasNothingOfTLS12() throws {
        var configuration = ClientHandshakeHarness.configuration()
        configuration.versions = [.tls13]
        let harness = try ClientHandshakeHarness(configuration: configuration)
        let hello = try #require(harness.clientHellos.first)
        #expect(hello.cipherSuites == CipherSuite.tls13Suites)
        #expect(hello.extensions.first(.supportedVersions) == .supportedVersionsClient([.tls13]))
        for absent in [ExtensionType.extendedMasterSecret, .renegotiationInfo, .ecPointFormats, .sessionTicket] {
            #expect(hello.extensions.first(absent) == nil, "\(absent)")
        }
        #expect(hello.extensions.map(\.type) == [
            .serverName, .supportedVersions, .supportedGroups, .keyShare, .signatureAlgorithms, .signatureAlgorithmsCert,
            .pskKeyExchangeModes,
        ])
    }

    @Test func noSessionTicketWhenResumptionIsOff() throws {
        var configuration = ClientHandshakeHarness.configuration()
        configuration.resumptionKeyExchangeModes = []
        let harness = try ClientHandshakeHarness(configuration: configuration)
        #expect(harness.clientHellos.first?.extensions.first(.sessionTicket) == nil)
    }
}
