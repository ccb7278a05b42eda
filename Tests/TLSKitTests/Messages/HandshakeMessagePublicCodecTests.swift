import Testing
import TLSKit

/// The public codec (`encodedBytes`, `decodePlaintext`) that tools outside a connection use;
/// imported without `@testable`, so only the public surface is exercised.
@Suite struct HandshakeMessagePublicCodecTests {
    /// A TLS 1.2 ServerHello as OpenSSL sends it: TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
    /// renegotiation_info, ec_point_formats, extended_master_secret.
    static let recordedTLS12ServerHelloBody: [UInt8] =
        [0x03, 0x03] + [UInt8](repeating: 0xAB, count: 32) + [0x00]
        + [0xC0, 0x13, 0x00]
        + [0x00, 0x11,
           0xFF, 0x01, 0x00, 0x01, 0x00,
           0x00, 0x0B, 0x00, 0x04, 0x03, 0x00, 0x01, 0x02,
           0x00, 0x17, 0x00, 0x00]

    @Test func encodedBytesCarryTheHandshakeHeader() {
        let hello = ClientHello(
            legacyVersion: .tls10, random: [UInt8](repeating: 1, count: 32), legacySessionID: [],
            cipherSuites: [CipherSuite(rawValue: 0x002F)], extensions: [])
        let bytes = HandshakeMessage.clientHello(hello).encodedBytes
        #expect(bytes.first == 1)
        let length = Int(bytes[1]) << 16 | Int(bytes[2]) << 8 | Int(bytes[3])
        #expect(length == bytes.count - 4)
        // legacy_version 0x0301, then the random.
        #expect(Array(bytes[4..<6]) == [0x03, 0x01])
        // Round trip through the public decoder.
        let decoded = try? HandshakeMessage.decodePlaintext(type: .clientHello, body: Array(bytes[4...]), tls12: true)
        #expect(decoded == .clientHello(hello))
    }

    @Test func decodesARecordedTLS12ServerHello() throws {
        let message = try HandshakeMessage.decodePlaintext(
            type: .serverHello, body: Self.recordedTLS12ServerHelloBody, tls12: true)
        guard case .serverHello(let hello) = message else {
            Issue.record("expected a ServerHello, got \(message)")
            return
        }
        #expect(hello.legacyVersion == .tls12)
        #expect(hello.cipherSuite.rawValue == 0xC013)
        #expect(hello.extensions.contains(.renegotiationInfo([])))
        #expect(hello.extensions.contains(.extendedMasterSecret))
        #expect(hello.extensions.contains(.ecPointFormats([0, 1, 2])))
    }

    @Test func rejectsTruncatedAndTrailingBytes() {
        let body = Self.recordedTLS12ServerHelloBody
        for cut in [0, 1, 2, 20, 34, 36, body.count - 1] {
            #expect(throws: (any Error).self) {
                try HandshakeMessage.decodePlaintext(type: .serverHello, body: Array(body[..<cut]), tls12: true)
            }
        }
        #expect(throws: (any Error).self) {
            try HandshakeMessage.decodePlaintext(type: .serverHello, body: body + [0], tls12: true)
        }
    }

    @Test func decodesServerHelloDoneOnlyInTLS12Form() throws {
        #expect(try HandshakeMessage.decodePlaintext(type: .serverHelloDone, body: [], tls12: true) == .serverHelloDone)
        #expect(throws: (any Error).self) {
            try HandshakeMessage.decodePlaintext(type: .serverHelloDone, body: [], tls12: false)
        }
    }
}
