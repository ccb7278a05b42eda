import NIOCore
import Testing

@testable import TLSKit

/// The TLS 1.2 handshake message bodies: decode(encode(x)) == x against hand-built wire
/// bytes, and malformed bodies refused with the alert RFC 5246 and RFC 8422 call for.
@Suite struct TLS12MessageCodecTests {
    typealias Support = MessageCodecTestSupport

    static func encode(_ body: (inout ByteBuffer) -> Void) -> [UInt8] {
        var buffer = ByteBuffer()
        body(&buffer)
        return Array(buffer.readableBytesView)
    }

    /// Decodes `bytes` with `decode`, which must consume them all.
    static func decode<T>(_ bytes: [UInt8], _ decode: (inout ByteBuffer) throws -> T) throws -> T {
        var buffer = ByteBuffer(bytes: bytes)
        let value = try decode(&buffer)
        #expect(buffer.readableBytes == 0)
        return value
    }

    /// Every proper prefix of `body` is a decode_error, and so is `body` with a byte appended.
    static func expectTruncationAndTrailingRejected<T>(
        _ name: String, _ body: [UInt8], _ decode: (inout ByteBuffer) throws -> T
    ) {
        for length in 0..<body.count {
            let alert = Support.alert { _ = try Self.decode(Array(body.prefix(length)), decode) }
            #expect(alert == .decodeError, "\(name) cut to \(length) bytes")
        }
        #expect(throws: DecodeError.self, "\(name) with a trailing byte") { _ = try Self.decode(body + [0], decode) }
    }

    // MARK: ServerKeyExchange (ECDHE)

    static let point: [UInt8] = [4] + [UInt8](repeating: 0x11, count: 64)
    static let serverKeyExchange = ServerKeyExchangeECDHE(
        namedCurve: .secp256r1, publicKey: point, algorithm: .ecdsaSecp256r1SHA256, signature: [0x30, 2, 1, 0])
    static let serverKeyExchangeWire: [UInt8] = [3, 0x00, 0x17, 65] + point + [0x04, 0x03, 0, 4, 0x30, 2, 1, 0]

    @Test func serverKeyExchangeRoundTrips() throws {
        let wire = Self.encode { Self.serverKeyExchange.encodeBody(into: &$0) }
        #expect(wire == Self.serverKeyExchangeWire)
        #expect(try Self.decode(wire, ServerKeyExchangeECDHE.decodeBody) == Self.serverKeyExchange)
        let x25519 = ServerKeyExchangeECDHE(
            namedCurve: .x25519, publicKey: [UInt8](repeating: 9, count: 32), algorithm: .rsaPSSRSAESHA256, signature: [])
        #expect(try Self.decode(Self.encode { x25519.encodeBody(into: &$0) }, ServerKeyExchangeECDHE.decodeBody) == x25519)
    }

    @Test func serverKeyExchangeSignedContent() {
        let clientRandom = [UInt8](repeating: 0xC1, count: 32)
        let serverRandom = [UInt8](repeating: 0x5E, count: 32)
        let params = Array(Self.serverKeyExchangeWire.prefix(4 + 65))
        #expect(Self.serverKeyExchange.serverECDHParams == params)
        let content = Self.serverKeyExchange.signedContent(clientRandom: clientRandom, serverRandom: serverRandom)
        #expect(content == clientRandom + serverRandom + params)
        #expect(
            ServerKeyExchangeECDHE.signedContent(
                clientRandom: clientRandom, serverRandom: serverRandom, namedCurve: .secp256r1, publicKey: Self.point)
                == content)
    }

    @Test func serverKeyExchangeRejections() {
        Self.expectTruncationAndTrailingRejected("ServerKeyExchange", Self.serverKeyExchangeWire, ServerKeyExchangeECDHE.decodeBody)
        // Explicit curves (deprecated, RFC 8422, Section 5.4) and unknown curve types.
        for curveType: UInt8 in [0, 1, 2, 4, 0xFF] {
            var wire = Self.serverKeyExchangeWire
            wire[0] = curveType
            let alert = Support.alert { _ = try Self.decode(wire, ServerKeyExchangeECDHE.decodeBody) }
            #expect(alert == .illegalParameter, "curve_type \(curveType)")
        }
        // An empty point.
        let empty: [UInt8] = [3, 0x00, 0x1D, 0, 0x04, 0x03, 0, 0]
        #expect(throws: DecodeError.lengthOutOfRange("ECPoint", 0)) { _ = try Self.decode(empty, ServerKeyExchangeECDHE.decodeBody) }
        // A signature longer than what follows.
        let short: [UInt8] = [3, 0x00, 0x1D, 1, 9, 0x04, 0x03, 0, 5, 1, 2]
        #expect(Support.alert { _ = try Self.decode(short, ServerKeyExchangeECDHE.decodeBody) } == .decodeError)
    }

    // MARK: ClientKeyExchange

    @Test func clientKeyExchangeRoundTrips() throws {
        let ecdhe = ClientKeyExchange.ecdhe(ecdhYc: [UInt8](repeating: 7, count: 32))
        let ecdheWire = Self.encode { ecdhe.encodeBody(into: &$0) }
        #expect(ecdheWire == [32] + [UInt8](repeating: 7, count: 32))
        #expect(try Self.decode(ecdheWire, ClientKeyExchange.decodeECDHEBody) == ecdhe)
        #expect(try Self.decode(ecdheWire) { try ClientKeyExchange.decodeBody(&$0, keyExchange: .ecdhe) } == ecdhe)

        let rsa = ClientKeyExchange.rsa(encryptedPreMasterSecret: [UInt8](repeating: 0xEE, count: 256))
        let rsaWire = Self.encode { rsa.encodeBody(into: &$0) }
        #expect(rsaWire == [1, 0] + [UInt8](repeating: 0xEE, count: 256))
        #expect(try Self.decode(rsaWire, ClientKeyExchange.decodeRSABody) == rsa)
        #expect(try Self.decode(rsaWire) { try ClientKeyExchange.decodeBody(&$0, keyExchange: .rsa) } == rsa)
        // The RSA form allows an empty vector (<0..2^16-1>); the bad ciphertext is handled later.
        #expect(try Self.decode([0, 0], ClientKeyExchange.decodeRSABody) == .rsa(encryptedPreMasterSecret: []))
    }

    @Test func clientKeyExchangeRejections() {
        Self.expectTruncationAndTrailingRejected("ECDHE ClientKeyExchange", [3, 1, 2, 3], ClientKeyExchange.decodeECDHEBody)
        Self.expectTruncationAndTrailingRejected("RSA ClientKeyExchange", [0, 3, 1, 2, 3], ClientKeyExchange.decodeRSABody)
        #expect(throws: DecodeError.lengthOutOfRange("ecdh_Yc", 0)) { _ = try Self.decode([0], ClientKeyExchange.decodeECDHEBody) }
        // An RSA body read as ECDHE (or the other way round) does not parse.
        #expect(Support.alert { _ = try Self.decode([1, 0] + [UInt8](repeating: 1, count: 256), ClientKeyExchange.decodeECDHEBody) } == .decodeError)
        #expect(Support.alert { _ = try Self.decode([32] + [UInt8](repeating: 7, count: 32), ClientKeyExchange.decodeRSABody) } == .decodeError)
    }

    // MARK: Empty messages

    @Test func emptyMessagesRoundTripAndRefuseAnyByte() throws {
        #expect(Self.encode { ServerHelloDone().encodeBody(into: &$0) } == [])
        #expect(Self.encode { HelloRequest().encodeBody(into: &$0) } == [])
        #expect(try Self.decode([], ServerHelloDone.decodeBody) == ServerHelloDone())
        #expect(try Self.decode([], HelloRequest.decodeBody) == HelloRequest())
        #expect(throws: DecodeError.trailingBytes("ServerHelloDone", 1)) { _ = try Self.decode([0], ServerHelloDone.decodeBody) }
        #expect(throws: DecodeError.trailingBytes("HelloRequest", 2)) { _ = try Self.decode([0, 0], HelloRequest.decodeBody) }
    }

    // MARK: CertificateRequest

    static let certificateRequest = TLS12CertificateRequest(
        certificateTypes: [TLS12CertificateRequest.rsaSign, TLS12CertificateRequest.ecdsaSign],
        supportedSignatureAlgorithms: [.ecdsaSecp256r1SHA256, .rsaPSSRSAESHA256, .rsaPKCS1SHA256],
        certificateAuthorities: [[0x30, 0x00], [0x30, 0x03, 0x31, 0x01, 0x00]])
    static let certificateRequestWire: [UInt8] =
        [2, 1, 64] + [0, 6, 4, 3, 8, 4, 4, 1] + [0, 11, 0, 2, 0x30, 0x00, 0, 5, 0x30, 0x03, 0x31, 0x01, 0x00]

    @Test func certificateRequestRoundTrips() throws {
        let wire = Self.encode { Self.certificateRequest.encodeBody(into: &$0) }
        #expect(wire == Self.certificateRequestWire)
        #expect(try Self.decode(wire, TLS12CertificateRequest.decodeBody) == Self.certificateRequest)
        let noAuthorities = TLS12CertificateRequest(certificateTypes: [64], supportedSignatureAlgorithms: [.ed25519])
        let noAuthoritiesWire = Self.encode { noAuthorities.encodeBody(into: &$0) }
        #expect(noAuthoritiesWire == [1, 64, 0, 2, 8, 7, 0, 0])
        #expect(try Self.decode(noAuthoritiesWire, TLS12CertificateRequest.decodeBody) == noAuthorities)
    }

    @Test func certificateRequestRejections() {
        Self.expectTruncationAndTrailingRejected("CertificateRequest", Self.certificateRequestWire, TLS12CertificateRequest.decodeBody)
        let bodies: [(String, [UInt8])] = [
            ("no certificate types", [0, 0, 2, 4, 3, 0, 0]),
            ("no signature algorithms", [1, 64, 0, 0, 0, 0]),
            ("odd signature algorithms", [1, 64, 0, 3, 4, 3, 8, 0, 0]),
            ("empty distinguished name", [1, 64, 0, 2, 4, 3, 0, 2, 0, 0]),
            ("distinguished name overruns its list", [1, 64, 0, 2, 4, 3, 0, 3, 0, 2, 0x30]),
        ]
        for (name, body) in bodies {
            let alert = Support.alert { _ = try Self.decode(body, TLS12CertificateRequest.decodeBody) }
            #expect(alert == .decodeError, "\(name)")
        }
    }

    // MARK: Certificate

    static let certificateMessage = TLS12CertificateMessage(certificateList: [[0x30, 0x82, 0x01], [0x30, 0x00]])
    static let certificateWire: [UInt8] = [0, 0, 11, 0, 0, 3, 0x30, 0x82, 0x01, 0, 0, 2, 0x30, 0x00]

    @Test func certificateRoundTrips() throws {
        let wire = Self.encode { Self.certificateMessage.encodeBody(into: &$0) }
        #expect(wire == Self.certificateWire)
        #expect(try Self.decode(wire) { try TLS12CertificateMessage.decodeBody(&$0) } == Self.certificateMessage)
        // A client without a certificate sends an empty list.
        let empty = TLS12CertificateMessage(certificateList: [])
        #expect(Self.encode { empty.encodeBody(into: &$0) } == [0, 0, 0])
        #expect(try Self.decode([0, 0, 0]) { try TLS12CertificateMessage.decodeBody(&$0) } == empty)
        // A large chain within the bound.
        let large = TLS12CertificateMessage(certificateList: [[UInt8](repeating: 0x30, count: 40_000), [UInt8](repeating: 1, count: 20_000)])
        #expect(try Self.decode(Self.encode { large.encodeBody(into: &$0) }) { try TLS12CertificateMessage.decodeBody(&$0) } == large)
    }

    @Test func certificateRejections() {
        Self.expectTruncationAndTrailingRejected("Certificate", Self.certificateWire) { try TLS12CertificateMessage.decodeBody(&$0) }
        #expect(throws: DecodeError.lengthOutOfRange("ASN.1Cert", 0)) {
            _ = try Self.decode([0, 0, 3, 0, 0, 0]) { try TLS12CertificateMessage.decodeBody(&$0) }
        }
        // A list above the bound is refused from its length alone.
        let wire = Self.encode { Self.certificateMessage.encodeBody(into: &$0) }
        #expect(throws: DecodeError.lengthOutOfRange("certificate_list", 11)) {
            _ = try Self.decode(wire) { try TLS12CertificateMessage.decodeBody(&$0, maximumListLength: 10) }
        }
        let oversized = TLS12CertificateMessage(certificateList: [[UInt8](repeating: 0x30, count: 128 * 1024)])
        #expect(Support.alert {
            _ = try Self.decode(Self.encode { oversized.encodeBody(into: &$0) }) { try TLS12CertificateMessage.decodeBody(&$0) }
        } == .decodeError)
        // A TLS 1.3 Certificate (request context, entry extensions) does not parse as TLS 1.2.
        let tls13 = CertificateMessage(entries: [CertificateEntry(certificateData: [0x30, 0x00])])
        var buffer = ByteBuffer()
        tls13.encodeBody(into: &buffer)
        #expect(Support.alert { _ = try Self.decode(Array(buffer.readableBytesView)) { try TLS12CertificateMessage.decodeBody(&$0) } } == .decodeError)
    }

    // MARK: NewSessionTicket

    @Test func newSessionTicketRoundTrips() throws {
        let ticket = TLS12NewSessionTicket(ticketLifetimeHint: 7200, ticket: [UInt8](repeating: 0xAB, count: 200))
        let wire = Self.encode { ticket.encodeBody(into: &$0) }
        #expect(wire == [0, 0, 0x1C, 0x20, 0, 200] + [UInt8](repeating: 0xAB, count: 200))
        #expect(try Self.decode(wire, TLS12NewSessionTicket.decodeBody) == ticket)
        // An empty ticket: the server issues none after all (RFC 5077, Section 3.3).
        let none = TLS12NewSessionTicket(ticketLifetimeHint: 0, ticket: [])
        #expect(try Self.decode([0, 0, 0, 0, 0, 0], TLS12NewSessionTicket.decodeBody) == none)
    }

    @Test func newSessionTicketRejections() {
        Self.expectTruncationAndTrailingRejected("NewSessionTicket", [0, 0, 1, 0, 0, 2, 9, 9], TLS12NewSessionTicket.decodeBody)
    }
}
