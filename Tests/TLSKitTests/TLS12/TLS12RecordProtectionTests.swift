import Crypto
import Foundation
import NIOCore
import Testing

@testable import TLSKit

@Suite struct TLS12RecordProtectionTests {
    static let suites: [CipherSuite] = [
        .tlsECDHEECDSAWithAES128GCMSHA256, .tlsECDHERSAWithAES256GCMSHA384, .tlsECDHERSAWithChaCha20Poly1305SHA256,
    ]

    static func keyBlock(_ parameters: CipherSuiteParameters) -> TLS12KeyBlock {
        TLS12KeyBlock(
            parameters: parameters, masterSecret: SymmetricKey(data: [UInt8](repeating: 0x42, count: 48)),
            clientRandom: [UInt8](repeating: 1, count: 32), serverRandom: [UInt8](repeating: 2, count: 32))
    }

    /// The client's sealer and the server's opener for the client's records.
    func pair(_ suite: CipherSuite) throws -> (TLS12RecordProtection, TLS12RecordProtection) {
        let parameters = try #require(CipherSuiteParameters.tls12(suite))
        let block = Self.keyBlock(parameters)
        return (
            TLS12RecordProtection(parameters: parameters, keyBlock: block, writer: .client),
            TLS12RecordProtection(parameters: parameters, keyBlock: block, writer: .client)
        )
    }

    func deframe(_ output: ByteBuffer) throws -> [TLSRecord] {
        var deframer = RecordDeframer()
        var bytes = output
        deframer.append(&bytes)
        var records: [TLSRecord] = []
        while let record = try deframer.nextRecord() { records.append(record) }
        return records
    }

    func sealOne(_ suite: CipherSuite, _ type: ContentType = .handshake, _ bytes: [UInt8] = [1, 2, 3, 4]) throws -> ByteBuffer {
        var (sealer, _) = try pair(suite)
        var output = ByteBuffer()
        try sealer.seal(contentType: type, plaintext: ByteBuffer(bytes: bytes), into: &output)
        return output
    }

    @Test(arguments: suites)
    func sealOpenRoundTrip(suite: CipherSuite) throws {
        let parameters = try #require(CipherSuiteParameters.tls12(suite))
        var (sealer, opener) = try pair(suite)
        var output = ByteBuffer(bytes: [0xEE])  // bytes already in the buffer stay untouched
        output.moveReaderIndex(forwardBy: 1)
        let messages: [(ContentType, [UInt8])] = [
            (.handshake, Array("hello".utf8)), (.applicationData, []),
            (.applicationData, Array(repeating: 0xAB, count: 1 << 14)), (.alert, [1, 0]),
        ]
        for (type, message) in messages {
            try sealer.seal(contentType: type, plaintext: ByteBuffer(bytes: message), into: &output)
        }
        #expect(sealer.sequenceNumber == 4)
        let records = try deframe(output)
        #expect(records.count == 4)
        for (index, (record, (type, message))) in zip(records, messages).enumerated() {
            #expect(record.contentType == type)
            #expect(record.legacyVersion == .tls12)
            #expect(record.fragment.readableBytes == parameters.explicitNonceLength + message.count + 16)
            if parameters.explicitNonceLength == 8 {
                // The explicit nonce is the sequence number.
                #expect(record.fragment.getInteger(at: record.fragment.readerIndex, as: UInt64.self) == UInt64(index))
            }
            let opened = try opener.open(record)
            #expect(opened.contentType == type)
            #expect(Array(opened.plaintext.readableBytesView) == message)
        }
        #expect(opener.sequenceNumber == 4)
    }

    @Test(arguments: suites)
    func directionsUseDifferentKeys(suite: CipherSuite) throws {
        let parameters = try #require(CipherSuiteParameters.tls12(suite))
        var serverOpener = TLS12RecordProtection(parameters: parameters, keyBlock: Self.keyBlock(parameters), writer: .server)
        let record = try #require(try deframe(try sealOne(suite)).first)
        #expect(throws: PeerMisbehaved.badRecordMAC) { try serverOpener.open(record) }
    }

    /// Flipping one bit of the header (type, version), the explicit nonce, the ciphertext or the tag.
    @Test(arguments: suites)
    func tamperedByteIsBadRecordMAC(suite: CipherSuite) throws {
        let parameters = try #require(CipherSuiteParameters.tls12(suite))
        let output = try sealOne(suite)
        let length = output.readableBytes
        var indices = [1, 2, 5, length - 5, length - 1]  // version, first fragment byte, ciphertext, tag
        if parameters.explicitNonceLength == 8 { indices += [5 + 7] }  // last byte of the explicit nonce
        for index in indices {
            var (_, opener) = try pair(suite)
            var tampered = output
            tampered.setInteger((tampered.getInteger(at: index, as: UInt8.self) ?? 0) ^ 0x01, at: index)
            let record = try #require(try deframe(tampered).first)
            #expect(throws: PeerMisbehaved.badRecordMAC, "byte \(index)") { try opener.open(record) }
        }
        // The content type is authenticated too: the same fragment as an alert record fails.
        var (_, opener) = try pair(suite)
        var record = try #require(try deframe(output).first)
        record.contentType = .alert
        #expect(throws: PeerMisbehaved.badRecordMAC) { try opener.open(record) }
    }

    @Test(arguments: suites)
    func wrongSequenceNumberIsBadRecordMAC(suite: CipherSuite) throws {
        var (sealer, opener) = try pair(suite)
        var output = ByteBuffer()
        try sealer.seal(contentType: .applicationData, plaintext: ByteBuffer(bytes: [1]), into: &output)
        try sealer.seal(contentType: .applicationData, plaintext: ByteBuffer(bytes: [2]), into: &output)
        let records = try deframe(output)
        #expect(throws: PeerMisbehaved.badRecordMAC) { try opener.open(records[1]) }
        // A replayed record fails the same way.
        var (_, fresh) = try pair(suite)
        _ = try fresh.open(records[0])
        #expect(throws: PeerMisbehaved.badRecordMAC) { try fresh.open(records[0]) }
    }

    @Test func plaintextAboveTheLimitIsRefusedOnBothSides() throws {
        let parameters = try #require(CipherSuiteParameters.tls12(.tlsECDHEECDSAWithAES128GCMSHA256))
        var (sealer, opener) = try pair(.tlsECDHEECDSAWithAES128GCMSHA256)
        var output = ByteBuffer()
        #expect(throws: TLSError.self) {
            try sealer.seal(contentType: .applicationData, plaintext: ByteBuffer(repeating: 1, count: (1 << 14) + 1), into: &output)
        }
        #expect(output.readableBytes == 0)
        // A peer may still send one: seal 2^14 + 1 bytes by hand at sequence 0.
        let keys = Self.keyBlock(parameters)
        let content = [UInt8](repeating: 1, count: (1 << 14) + 1)
        let explicit: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0]
        let aad: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 23, 3, 3, 0x40, 0x01]
        let box = try AES.GCM.seal(
            content, using: keys.clientWriteKey, nonce: AES.GCM.Nonce(data: keys.clientWriteIV + explicit), authenticating: aad)
        let record = TLSRecord(
            contentType: .applicationData, legacyVersion: .tls12,
            fragment: ByteBuffer(bytes: explicit + Array(box.ciphertext) + Array(box.tag)))
        #expect(throws: PeerMisbehaved.recordOverflow((1 << 14) + 1)) { try opener.open(record) }
    }

    @Test func fragmentAboveTheTLS12LimitIsRecordOverflow() throws {
        var (_, opener) = try pair(.tlsECDHERSAWithChaCha20Poly1305SHA256)
        let length = (1 << 14) + 2049
        let record = TLSRecord(contentType: .applicationData, legacyVersion: .tls12, fragment: ByteBuffer(repeating: 0, count: length))
        #expect(throws: PeerMisbehaved.recordOverflow(length)) { try opener.open(record) }
        #expect(opener.sequenceNumber == 0)
    }

    @Test(arguments: suites)
    func shortFragmentIsBadRecordMAC(suite: CipherSuite) throws {
        let parameters = try #require(CipherSuiteParameters.tls12(suite))
        var (_, opener) = try pair(suite)
        for length in [0, 1, parameters.explicitNonceLength + 15] {
            let record = TLSRecord(contentType: .applicationData, legacyVersion: .tls12, fragment: ByteBuffer(repeating: 0, count: length))
            #expect(throws: PeerMisbehaved.badRecordMAC) { try opener.open(record) }
        }
    }

    @Test func recordLimitIsEnforced() throws {
        var (sealer, opener) = try pair(.tlsECDHEECDSAWithAES256GCMSHA384)
        #expect(sealer.recordLimit == AEADRecordLimits.aesGCMHardLimit)
        sealer.recordLimit = 1
        opener.recordLimit = 1
        var output = ByteBuffer()
        try sealer.seal(contentType: .applicationData, plaintext: ByteBuffer(bytes: [1]), into: &output)
        #expect(throws: TLSError.self) {
            try sealer.seal(contentType: .applicationData, plaintext: ByteBuffer(bytes: [2]), into: &output)
        }
        let record = try #require(try deframe(output).first)
        _ = try opener.open(record)
        #expect(throws: TLSError.self) { try opener.open(record) }
    }

    /// The record as RFC 5288 and RFC 5246, Section 6.2.3.3 describe it, built here with
    /// swift-crypto's AES.GCM directly: nonce = salt || explicit (the sequence number), AAD =
    /// seq_num || type || version || length.
    @Test func aesGCMKnownAnswer() throws {
        let parameters = try #require(CipherSuiteParameters.tls12(.tlsECDHERSAWithAES128GCMSHA256))
        let key = SymmetricKey(data: (0..<16).map { UInt8($0) })
        let salt: [UInt8] = [0xA0, 0xA1, 0xA2, 0xA3]
        var sealer = TLS12RecordProtection(parameters: parameters, key: key, fixedIV: salt)
        let content = Array("GET / HTTP/1.1\r\n\r\n".utf8)
        var output = ByteBuffer()
        try sealer.seal(contentType: .applicationData, plaintext: ByteBuffer(bytes: [0]), into: &output)
        let first = output.readableBytes
        try sealer.seal(contentType: .applicationData, plaintext: ByteBuffer(bytes: content), into: &output)

        let sequence: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 1]
        let aad = sequence + [23, 0x03, 0x03, 0, UInt8(content.count)]
        let box = try AES.GCM.seal(content, using: key, nonce: AES.GCM.Nonce(data: salt + sequence), authenticating: aad)
        let fragment = sequence + Array(box.ciphertext) + Array(box.tag)
        let expected: [UInt8] = [23, 0x03, 0x03, 0, UInt8(fragment.count)] + fragment
        #expect(Array(output.readableBytesView.dropFirst(first)) == expected)
    }

    /// Likewise for ChaCha20-Poly1305 (RFC 7905, Section 2): nonce = IV XOR padded sequence number.
    @Test func chaChaPolyKnownAnswer() throws {
        let parameters = try #require(CipherSuiteParameters.tls12(.tlsECDHEECDSAWithChaCha20Poly1305SHA256))
        let key = SymmetricKey(data: [UInt8](repeating: 0x5A, count: 32))
        let iv: [UInt8] = (0xB0...0xBB).map { UInt8($0) }
        var sealer = TLS12RecordProtection(parameters: parameters, key: key, fixedIV: iv)
        var output = ByteBuffer()
        for _ in 0..<3 { try sealer.seal(contentType: .handshake, plaintext: ByteBuffer(bytes: [9]), into: &output) }
        let content: [UInt8] = [0x14, 0, 0, 12] + [UInt8](repeating: 7, count: 12)
        let before = output.readableBytes
        try sealer.seal(contentType: .handshake, plaintext: ByteBuffer(bytes: content), into: &output)

        var nonce = iv
        nonce[11] ^= 3
        let aad: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 3, 22, 0x03, 0x03, 0, UInt8(content.count)]
        let box = try ChaChaPoly.seal(content, using: key, nonce: ChaChaPoly.Nonce(data: nonce), authenticating: aad)
        let fragment = Array(box.ciphertext) + Array(box.tag)
        let expected: [UInt8] = [22, 0x03, 0x03, 0, UInt8(fragment.count)] + fragment
        #expect(Array(output.readableBytesView.dropFirst(before)) == expected)
    }

    /// A peer's explicit nonce need not be the sequence number (RFC 5288, Section 3).
    @Test func anyExplicitNonceFromThePeerIsAccepted() throws {
        let parameters = try #require(CipherSuiteParameters.tls12(.tlsRSAWithAES256GCMSHA384))
        let key = SymmetricKey(data: [UInt8](repeating: 3, count: 32))
        let salt: [UInt8] = [1, 2, 3, 4]
        var opener = TLS12RecordProtection(parameters: parameters, key: key, fixedIV: salt)
        let explicit: [UInt8] = [0xDE, 0xAD, 0xBE, 0xEF, 0, 1, 2, 3]
        let aad: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 21, 3, 3, 0, 2]
        let box = try AES.GCM.seal([1, 0] as [UInt8], using: key, nonce: AES.GCM.Nonce(data: salt + explicit), authenticating: aad)
        let record = TLSRecord(
            contentType: .alert, legacyVersion: .tls12, fragment: ByteBuffer(bytes: explicit + Array(box.ciphertext) + Array(box.tag)))
        let opened = try opener.open(record)
        #expect(opened.contentType == .alert && Array(opened.plaintext.readableBytesView) == [1, 0])
    }
}
