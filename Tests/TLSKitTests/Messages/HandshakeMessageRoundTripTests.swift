import NIOCore
import Testing

@testable import TLSKit

/// decode(encode(x)) == x for every handshake message.
@Suite struct HandshakeMessageRoundTripTests {
    typealias Support = MessageCodecTestSupport

    static let random = (0..<32).map { UInt8($0) }

    static let fullClientHello = ClientHello(
        legacyVersion: .tls12,
        random: random,
        legacySessionID: [UInt8](repeating: 7, count: 32),
        cipherSuites: CipherSuite.tls13Suites + [CipherSuite(rawValue: 0xC02F)],
        legacyCompressionMethods: [0],
        extensions: [
            .serverName(ServerNameList(names: ["example.com"])),
            .supportedGroups(NamedGroup.supported),
            .signatureAlgorithms(SignatureScheme.tls13HandshakeSchemes),
            .signatureAlgorithmsCert(SignatureScheme.certificateSchemes),
            .supportedVersionsClient([.tls13, .tls12]),
            .keyShareClient([
                KeyShareEntry(group: .x25519, keyExchange: [UInt8](repeating: 1, count: 32)),
                KeyShareEntry(group: .secp256r1, keyExchange: [UInt8](repeating: 4, count: 65)),
            ]),
            .cookie([1, 2, 3]),
            .applicationLayerProtocolNegotiation(["h2", "http/1.1"]),
            .pskKeyExchangeModes([.pskDHEKE, .pskKE]),
            .earlyData(maxEarlyDataSize: nil),
            .statusRequest(.ocspRequest(responderIDs: [[1, 2], [3]], requestExtensions: [0x30, 0x00])),
            .renegotiationInfo([]),
            .unknown(type: ExtensionType(rawValue: 0x0A0A), data: []),
            .padding(17),
            .preSharedKeyClient(
                OfferedPSKs(
                    identities: [
                        PSKIdentity(identity: [9, 9, 9], obfuscatedTicketAge: 0xDEAD_BEEF),
                        PSKIdentity(identity: [8], obfuscatedTicketAge: 1),
                    ],
                    binders: [[UInt8](repeating: 0xAA, count: 32), [UInt8](repeating: 0xBB, count: 48)])),
        ])

    static let messages: [String: HandshakeMessage] = [
        "ClientHello": .clientHello(fullClientHello),
        "ClientHello without extensions": .clientHello(
            ClientHello(random: random, legacySessionID: [], cipherSuites: [.tlsAES128GCMSHA256], extensions: [])),
        "ClientHello, other status type": .clientHello(
            ClientHello(
                random: random, legacySessionID: [], cipherSuites: [.tlsAES128GCMSHA256],
                extensions: [.statusRequest(.other(statusType: 2, data: [1, 2, 3]))])),
        "ServerHello": .serverHello(
            ServerHello(
                random: random, legacySessionIDEcho: [UInt8](repeating: 7, count: 32),
                cipherSuite: .tlsAES256GCMSHA384,
                extensions: [
                    .supportedVersionsServer(.tls13),
                    .keyShareServer(KeyShareEntry(group: .x25519MLKEM768, keyExchange: [UInt8](repeating: 5, count: 1120))),
                    .preSharedKeyServer(selectedIdentity: 1),
                    .unknown(type: ExtensionType(rawValue: 0x7777), data: [1]),
                ])),
        "HelloRetryRequest": .serverHello(
            ServerHello(
                random: ServerHello.helloRetryRequestRandom, legacySessionIDEcho: [], cipherSuite: .tlsAES128GCMSHA256,
                extensions: [
                    .supportedVersionsServer(.tls13),
                    .keyShareHelloRetryRequest(.secp384r1),
                    .cookie([UInt8](repeating: 0xC0, count: 100)),
                ])),
        "TLS 1.2 ServerHello": .serverHello(
            ServerHello(
                legacyVersion: .tls12, random: random, legacySessionIDEcho: [1], cipherSuite: CipherSuite(rawValue: 0xC02F),
                extensions: [
                    .serverName(ServerNameList(names: [])),
                    .applicationLayerProtocolNegotiation(["h2"]),
                    .statusRequest(.empty),
                    .renegotiationInfo([]),
                ])),
        "ServerHello without extensions": .serverHello(
            ServerHello(random: random, legacySessionIDEcho: [], cipherSuite: CipherSuite(rawValue: 0x002F), extensions: [])),
        "EncryptedExtensions": .encryptedExtensions(
            EncryptedExtensions(extensions: [
                .serverName(ServerNameList(names: [])),
                .supportedGroups([.x25519]),
                .applicationLayerProtocolNegotiation(["h2"]),
                .earlyData(maxEarlyDataSize: nil),
                .unknown(type: ExtensionType(rawValue: 28), data: [0x40, 0x01]),
            ])),
        "empty EncryptedExtensions": .encryptedExtensions(EncryptedExtensions(extensions: [])),
        "Certificate": .certificate(
            CertificateMessage(
                certificateRequestContext: [],
                entries: [
                    CertificateEntry(
                        certificateData: [0x30, 0x82, 0x01, 0x00],
                        extensions: [
                            .statusRequest(.ocspResponse([0x30, 0x03, 0x0A, 0x01, 0x00])),
                            .unknown(type: ExtensionType(rawValue: 18), data: [0, 1, 2]),
                        ]),
                    CertificateEntry(certificateData: [UInt8](repeating: 0x42, count: 70_000)),
                ])),
        "client Certificate with context, no entries": .certificate(
            CertificateMessage(certificateRequestContext: [1, 2, 3, 4], entries: [])),
        "CertificateRequest": .certificateRequest(
            CertificateRequest(
                certificateRequestContext: [0xAB],
                extensions: [
                    .signatureAlgorithms([.ed25519, .rsaPSSRSAESHA256]),
                    .signatureAlgorithmsCert([.rsaPKCS1SHA256]),
                    .statusRequest(.empty),
                    .certificateAuthorities([[0x30, 0]]),
                    .unknown(type: ExtensionType(rawValue: 0x1234), data: [0, 0]),
                ])),
        "CertificateVerify": .certificateVerify(
            CertificateVerify(algorithm: .ecdsaSecp256r1SHA256, signature: [UInt8](repeating: 3, count: 71))),
        "CertificateVerify, empty signature": .certificateVerify(CertificateVerify(algorithm: .ed25519, signature: [])),
        "Finished": .finished(Finished(verifyData: [UInt8](repeating: 0xF1, count: 48))),
        "NewSessionTicket": .newSessionTicket(
            NewSessionTicket(
                ticketLifetime: 604_800, ticketAgeAdd: 0x0102_0304, ticketNonce: [0], ticket: [UInt8](repeating: 9, count: 300),
                extensions: [.earlyData(maxEarlyDataSize: 16384), .unknown(type: ExtensionType(rawValue: 0x1234), data: [])])),
        "NewSessionTicket, no extensions": .newSessionTicket(
            NewSessionTicket(ticketLifetime: 0, ticketAgeAdd: 0, ticketNonce: [], ticket: [1])),
        "KeyUpdate requested": .keyUpdate(KeyUpdate(requestUpdate: .updateRequested)),
        "KeyUpdate not requested": .keyUpdate(KeyUpdate(requestUpdate: .updateNotRequested)),
        "EndOfEarlyData": .endOfEarlyData,
    ]

    @Test(arguments: messages.keys.sorted())
    func roundTrips(name: String) throws {
        let message = try #require(Self.messages[name])
        let encoded = Support.encode(message)
        #expect(encoded.first == message.type.rawValue)
        let decoded = try Support.decodeMessage(encoded)
        #expect(decoded == message)
        #expect(Support.encode(decoded) == encoded)
    }

    @Test func helloRetryRequestIsRecognised() throws {
        guard case .serverHello(let hello) = try #require(Self.messages["HelloRetryRequest"]) else {
            Issue.record("not a ServerHello")
            return
        }
        #expect(hello.isHelloRetryRequest)
        #expect(ServerHello.helloRetryRequestRandom.count == 32)
        #expect(ServerHello.helloRetryRequestRandom.prefix(4) == [0xCF, 0x21, 0xAD, 0x74])
    }

    @Test func endOfEarlyDataIsAHeaderOnly() {
        #expect(Support.encode(.endOfEarlyData) == [5, 0, 0, 0])
    }

    @Test func unsupportedHandshakeTypesAreUnexpected() {
        for type in [HandshakeType.serverKeyExchange, .serverHelloDone, .messageHash, HandshakeType(rawValue: 99)] {
            #expect(Support.alert { _ = try Support.decodeBody(type, []) } == .unexpectedMessage)
        }
    }
}
