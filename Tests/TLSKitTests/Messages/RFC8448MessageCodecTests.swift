import NIOCore
import Testing

@testable import TLSKit

/// encode(decode(bytes)) == bytes for the messages of the RFC 8448 traces, and the decoded
/// fields are the ones the trace describes.
@Suite struct RFC8448MessageCodecTests {
    typealias Support = MessageCodecTestSupport
    typealias Vectors = RFC8448MessageVectors

    static let messages: [String: (bytes: [UInt8], length: Int)] = [
        "ClientHello": (Vectors.clientHello, 196),
        "ServerHello": (Vectors.serverHello, 90),
        "EncryptedExtensions": (Vectors.encryptedExtensions, 40),
        "Certificate": (Vectors.certificate, 445),
        "CertificateVerify": (Vectors.certificateVerify, 136),
        "server Finished": (Vectors.serverFinished, 36),
        "client Finished": (Vectors.clientFinished, 36),
        "NewSessionTicket": (Vectors.newSessionTicket, 205),
        "resumed ClientHello": (Vectors.resumedClientHello, 512),
    ]

    @Test(arguments: messages.keys.sorted())
    func reencodesByteForByte(name: String) throws {
        let vector = try #require(Self.messages[name])
        #expect(vector.bytes.count == vector.length, "transcription of \(name)")
        let message = try Support.decodeMessage(vector.bytes)
        #expect(Support.encode(message) == vector.bytes, "\(name)")
    }

    @Test func clientHelloFields() throws {
        guard case .clientHello(let hello) = try Support.decodeMessage(Vectors.clientHello) else {
            Issue.record("not a ClientHello")
            return
        }
        #expect(hello.legacyVersion == .tls12)
        #expect(hello.random.count == 32)
        #expect(hello.legacySessionID.isEmpty)
        #expect(hello.cipherSuites == [.tlsAES128GCMSHA256, .tlsChaCha20Poly1305SHA256, .tlsAES256GCMSHA384])
        #expect(hello.legacyCompressionMethods == [0])
        #expect(hello.extensions.map(\.type.rawValue) == [0, 0xFF01, 10, 35, 51, 43, 13, 45, 28])
        #expect(hello.extensions.first(.serverName) == .serverName(ServerNameList(names: ["server"])))
        #expect(
            hello.extensions.first(.supportedGroups)
                == .supportedGroups(
                    [.x25519, .secp256r1, .secp384r1, .secp521r1] + (0x0100...0x0104).map(NamedGroup.init(rawValue:))))
        #expect(hello.extensions.first(.supportedVersions) == .supportedVersionsClient([.tls13]))
        #expect(hello.extensions.first(.pskKeyExchangeModes) == .pskKeyExchangeModes([.pskDHEKE]))
        #expect(hello.extensions.first(.renegotiationInfo) == .renegotiationInfo([]))
        #expect(hello.extensions.first(.sessionTicket) == .sessionTicket([]))
        #expect(hello.extensions.first(ExtensionType(rawValue: 28)) == .unknown(type: ExtensionType(rawValue: 28), data: [0x40, 0x01]))
        guard case .keyShareClient(let shares) = hello.extensions.first(.keyShare) else {
            Issue.record("no client key_share")
            return
        }
        #expect(shares.map(\.group) == [.x25519])
        #expect(shares.first?.keyExchange.prefix(4) == [0x99, 0x38, 0x1D, 0xE5])
        guard case .signatureAlgorithms(let schemes) = hello.extensions.first(.signatureAlgorithms) else {
            Issue.record("no signature_algorithms")
            return
        }
        #expect(schemes.count == 15)
        #expect(schemes.first == .ecdsaSecp256r1SHA256)
    }

    @Test func serverHelloFields() throws {
        guard case .serverHello(let hello) = try Support.decodeMessage(Vectors.serverHello) else {
            Issue.record("not a ServerHello")
            return
        }
        #expect(!hello.isHelloRetryRequest)
        #expect(hello.cipherSuite == .tlsAES128GCMSHA256)
        #expect(hello.legacyCompressionMethod == 0)
        #expect(hello.extensions.first(.supportedVersions) == .supportedVersionsServer(.tls13))
        guard case .keyShareServer(let share) = hello.extensions.first(.keyShare) else {
            Issue.record("no server key_share")
            return
        }
        #expect(share.group == .x25519)
        #expect(share.keyExchange.count == 32)
    }

    @Test func encryptedExtensionsFields() throws {
        guard case .encryptedExtensions(let ee) = try Support.decodeMessage(Vectors.encryptedExtensions) else {
            Issue.record("not EncryptedExtensions")
            return
        }
        #expect(ee.extensions.map(\.type) == [.supportedGroups, ExtensionType(rawValue: 28), .serverName])
        #expect(ee.extensions.first(.serverName) == .serverName(ServerNameList(names: [])))
    }

    @Test func certificateFields() throws {
        guard case .certificate(let certificate) = try Support.decodeMessage(Vectors.certificate) else {
            Issue.record("not a Certificate")
            return
        }
        #expect(certificate.certificateRequestContext.isEmpty)
        #expect(certificate.entries.count == 1)
        #expect(certificate.entries.first?.certificateData.count == 432)
        #expect(certificate.entries.first?.certificateData.prefix(2) == [0x30, 0x82])
        #expect(certificate.entries.first?.extensions == [])
    }

    @Test func certificateVerifyAndFinishedFields() throws {
        guard case .certificateVerify(let verify) = try Support.decodeMessage(Vectors.certificateVerify) else {
            Issue.record("not a CertificateVerify")
            return
        }
        #expect(verify.algorithm == .rsaPSSRSAESHA256)
        #expect(verify.signature.count == 128)
        guard case .finished(let finished) = try Support.decodeMessage(Vectors.serverFinished) else {
            Issue.record("not a Finished")
            return
        }
        #expect(finished.verifyData.count == 32)
        #expect(finished.verifyData.first == 0x9B)
    }

    @Test func newSessionTicketFields() throws {
        guard case .newSessionTicket(let ticket) = try Support.decodeMessage(Vectors.newSessionTicket) else {
            Issue.record("not a NewSessionTicket")
            return
        }
        #expect(ticket.ticketLifetime == 30)
        #expect(ticket.ticketAgeAdd == 0xFAD6_AAC5)
        #expect(ticket.ticketNonce == [0, 0])
        #expect(ticket.ticket.count == 178)
        #expect(ticket.extensions == [.earlyData(maxEarlyDataSize: 0x400)])
    }

    @Test func resumedClientHelloPSKAndTruncation() throws {
        guard case .clientHello(let hello) = try Support.decodeMessage(Vectors.resumedClientHello) else {
            Issue.record("not a ClientHello")
            return
        }
        #expect(hello.extensions.last?.type == .preSharedKey)
        #expect(hello.extensions.first(.earlyData) == .earlyData(maxEarlyDataSize: nil))
        #expect(hello.extensions.first(.padding) == .padding(0x57))
        let offered = try #require(hello.offeredPSKs)
        #expect(offered.identities.count == 1)
        #expect(offered.identities.first?.identity.count == 178)
        #expect(offered.identities.first?.obfuscatedTicketAge == 0xFAD6_AACB)
        #expect(offered.binders.count == 1)
        #expect(offered.binders.first?.count == 32)
        #expect(offered.bindersEncodedLength == 35)

        // RFC 8448, Section 4: the binder is computed over the first 477 octets.
        var truncated = ByteBuffer()
        hello.encodeTruncatedForBinders(into: &truncated)
        #expect(truncated.readableBytes == 477)
        #expect(Array(truncated.readableBytesView) == Array(Vectors.resumedClientHello.prefix(477)))

        // Rewriting the binder with placeholder bytes changes only the final 32 bytes.
        var rewritten = hello
        let replaced = rewritten.replaceBinders([[UInt8](repeating: 0xAB, count: 32)])
        #expect(replaced)
        let encoded = Support.encode(.clientHello(rewritten))
        #expect(encoded.count == 512)
        #expect(Array(encoded.prefix(480)) == Array(Vectors.resumedClientHello.prefix(480)))
        #expect(Array(encoded.suffix(32)) == [UInt8](repeating: 0xAB, count: 32))
        let replacedWithWrongCount = rewritten.replaceBinders([])
        #expect(!replacedWithWrongCount, "binder count must match identities")
    }
}
