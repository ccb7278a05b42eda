import Crypto
import NIOCore
import Testing

@testable import TLSKit

@Suite struct RecordProtectionTests {
    static let suites: [CipherSuite] = CipherSuite.tls13Suites

    func pair(_ suite: CipherSuite) throws -> (TLS13RecordProtection, TLS13RecordProtection) {
        let parameters = try #require(CipherSuiteParameters.tls13(suite))
        let secret = SymmetricKey(data: [UInt8](repeating: 0x42, count: parameters.hash.digestLength))
        return (
            TLS13RecordProtection(parameters: parameters, trafficSecret: secret),
            TLS13RecordProtection(parameters: parameters, trafficSecret: secret)
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

    @Test(arguments: suites)
    func sealOpenRoundTrip(suite: CipherSuite) throws {
        var (sealer, opener) = try pair(suite)
        var output = ByteBuffer()
        let messages: [[UInt8]] = [Array("hello".utf8), [], Array(repeating: 0xAB, count: 1 << 14)]
        for message in messages {
            try sealer.seal(contentType: .applicationData, plaintext: ByteBuffer(bytes: message), into: &output)
        }
        try sealer.seal(contentType: .alert, plaintext: ByteBuffer(bytes: [1, 0]), into: &output)
        #expect(sealer.sequenceNumber == 4)
        let records = try deframe(output)
        #expect(records.count == 4)
        for (record, message) in zip(records, messages) {
            #expect(record.contentType == .applicationData)
            #expect(record.fragment.readableBytes == message.count + 1 + 16)
            let opened = try opener.open(record)
            #expect(opened.contentType == .applicationData)
            #expect(Array(opened.plaintext.readableBytesView) == message)
        }
        let alert = try opener.open(records[3])
        #expect(alert.contentType == .alert && Array(alert.plaintext.readableBytesView) == [1, 0])
        #expect(opener.sequenceNumber == 4)
    }

    @Test(arguments: suites)
    func tamperedByteIsBadRecordMAC(suite: CipherSuite) throws {
        var (sealer, _) = try pair(suite)
        var output = ByteBuffer()
        try sealer.seal(contentType: .handshake, plaintext: ByteBuffer(bytes: [1, 2, 3, 4]), into: &output)
        let length = output.readableBytes
        for index in [0, 1, 2, 5, length / 2, length - 1] {  // header (additional data), ciphertext, tag
            var (_, opener) = try pair(suite)
            var tampered = output
            tampered.setInteger((tampered.getInteger(at: index, as: UInt8.self) ?? 0) ^ 0x01, at: index)
            var deframer = RecordDeframer()
            deframer.append(&tampered)
            guard let record = try? deframer.nextRecord() else {
                // Flipping the content type byte makes the record unknown to the deframer, which is fine.
                #expect(index == 0)
                continue
            }
            #expect(throws: PeerMisbehaved.badRecordMAC) { try opener.open(record) }
        }
    }

    @Test func wrongSequenceNumberIsBadRecordMAC() throws {
        var (sealer, opener) = try pair(.tlsAES128GCMSHA256)
        var output = ByteBuffer()
        try sealer.seal(contentType: .applicationData, plaintext: ByteBuffer(bytes: [1]), into: &output)
        try sealer.seal(contentType: .applicationData, plaintext: ByteBuffer(bytes: [2]), into: &output)
        let records = try deframe(output)
        #expect(throws: PeerMisbehaved.badRecordMAC) { try opener.open(records[1]) }
    }

    @Test(arguments: suites)
    func paddingIsRemoved(suite: CipherSuite) throws {
        var (sealer, opener) = try pair(suite)
        var output = ByteBuffer()
        try sealer.seal(contentType: .handshake, plaintext: ByteBuffer(bytes: [9, 0, 0]), paddingLength: 100, into: &output)
        let record = try #require(try deframe(output).first)
        #expect(record.fragment.readableBytes == 3 + 1 + 100 + 16)
        let opened = try opener.open(record)
        #expect(opened.contentType == .handshake)
        #expect(Array(opened.plaintext.readableBytesView) == [9, 0, 0])  // trailing zeros of content kept
    }

    @Test func allPaddingIsUnexpectedMessage() throws {
        // Seal an inner plaintext of only zeros by sealing content type 0.
        var (sealer, opener) = try pair(.tlsChaCha20Poly1305SHA256)
        var output = ByteBuffer()
        try sealer.seal(contentType: ContentType(rawValue: 0), plaintext: ByteBuffer(), paddingLength: 4, into: &output)
        let record = try #require(try deframe(output).first)
        #expect(throws: PeerMisbehaved.self) { try opener.open(record) }
    }

    @Test func innerPlaintextAboveTheLimitIsRecordOverflow() throws {
        let parameters = try #require(CipherSuiteParameters.tls13(.tlsAES256GCMSHA384))
        let secret = SymmetricKey(data: [UInt8](repeating: 0x42, count: 48))
        var (sealer, opener) = try pair(.tlsAES256GCMSHA384)
        var output = ByteBuffer()
        #expect(throws: TLSError.self) {
            try sealer.seal(
                contentType: .applicationData, plaintext: ByteBuffer(repeating: 1, count: (1 << 14) + 1), into: &output)
        }
        // A peer may still send one: seal 2^14 + 1 bytes of content by hand (sequence 0).
        let keys = TrafficKeys(parameters: parameters, secret: secret)
        let inner = [UInt8](repeating: 1, count: (1 << 14) + 1) + [23]
        #expect(throws: PeerMisbehaved.recordOverflow((1 << 14) + 2)) { try opener.open(try Self.sealByHand(inner, keys: keys, sequence: 0)) }
        // Section 5.4: padding counts too. 8193 bytes of content, the type and 8192 zeros are
        // one byte too many; our own sealer refuses to make such a record.
        let padded = [UInt8](repeating: 1, count: 8193) + [23] + [UInt8](repeating: 0, count: 8192)
        #expect(throws: PeerMisbehaved.recordOverflow((1 << 14) + 2)) { try opener.open(try Self.sealByHand(padded, keys: keys, sequence: 1)) }
        #expect(throws: TLSError.self) {
            try sealer.seal(contentType: .applicationData, plaintext: ByteBuffer(repeating: 1, count: 8193), paddingLength: 8192, into: &output)
        }
        // At the limit it opens: 8192 bytes, the type and 8192 zeros.
        var (atLimitSealer, atLimitOpener) = try pair(.tlsAES256GCMSHA384)
        var limitOutput = ByteBuffer()
        try atLimitSealer.seal(contentType: .applicationData, plaintext: ByteBuffer(repeating: 1, count: 8192), paddingLength: 8192, into: &limitOutput)
        let opened = try atLimitOpener.open(try #require(try deframe(limitOutput).first))
        #expect(opened.plaintext.readableBytes == 8192)
    }

    /// An AES-256-GCM record of `inner` (content, type, padding) under `keys` at `sequence`.
    static func sealByHand(_ inner: [UInt8], keys: TrafficKeys, sequence: UInt64) throws -> TLSRecord {
        let header: [UInt8] = [23, 3, 3, UInt8((inner.count + 16) >> 8), UInt8((inner.count + 16) & 0xFF)]
        var nonce = keys.iv
        for index in 0..<8 { nonce[nonce.count - 1 - index] ^= UInt8(truncatingIfNeeded: sequence >> (8 * UInt64(index))) }
        let box = try AES.GCM.seal(inner, using: keys.key, nonce: AES.GCM.Nonce(data: nonce), authenticating: header)
        return TLSRecord(
            contentType: .applicationData, legacyVersion: .tls12, fragment: ByteBuffer(bytes: Array(box.ciphertext) + Array(box.tag)))
    }

    @Test func shortCiphertextIsBadRecordMAC() throws {
        var (_, opener) = try pair(.tlsAES128GCMSHA256)
        let record = TLSRecord(contentType: .applicationData, legacyVersion: .tls12, fragment: ByteBuffer(repeating: 0, count: 16))
        #expect(throws: PeerMisbehaved.badRecordMAC) { try opener.open(record) }
    }
}

@Suite struct RecordLayerTests {
    func protection(_ byte: UInt8 = 0x42) throws -> RecordProtection {
        let parameters = try #require(CipherSuiteParameters.tls13(.tlsAES128GCMSHA256))
        return .tls13(parameters: parameters, trafficSecret: SymmetricKey(data: [UInt8](repeating: byte, count: 32)))
    }

    @Test func plaintextWritesAreFragmented() throws {
        var layer = RecordLayer()
        var output = ByteBuffer()
        let data = ByteBuffer(repeating: 7, count: (1 << 14) * 2 + 5)
        try layer.write(contentType: .handshake, data: data, into: &output)
        #expect(output.readableBytes == data.readableBytes + 3 * 5)
        #expect(output.getBytes(at: 0, length: 5) == [22, 3, 3, 0x40, 0x00])

        var reader = RecordLayer()
        reader.receive(&output)
        var total = 0
        while let plaintext = try reader.nextPlaintext() {
            #expect(plaintext.contentType == .handshake)
            #expect(plaintext.fragment.readableBytes <= 1 << 14)
            total += plaintext.fragment.readableBytes
        }
        #expect(total == data.readableBytes)
    }

    @Test func protectedWritesRoundTripAndCCSPassesThrough() throws {
        var writer = RecordLayer()
        var output = ByteBuffer()
        writer.writeChangeCipherSpec(into: &output)
        writer.setWriteProtection(try protection())
        let data = ByteBuffer(repeating: 3, count: (1 << 14) + 10)
        try writer.write(contentType: .applicationData, data: data, into: &output)
        #expect(writer.writeProtection?.sequenceNumber == 2)

        var reader = RecordLayer()
        reader.setReadProtection(try protection())
        reader.receive(&output)
        let ccs = try #require(try reader.nextPlaintext())
        #expect(ccs.contentType == .changeCipherSpec && Array(ccs.fragment.readableBytesView) == [1])
        let first = try #require(try reader.nextPlaintext())
        let second = try #require(try reader.nextPlaintext())
        #expect(first.contentType == .applicationData && first.fragment.readableBytes == 1 << 14)
        #expect(second.fragment.readableBytes == 10)
        #expect(try reader.nextPlaintext() == nil)
        #expect(reader.readProtection?.sequenceNumber == 2)
    }

    @Test func unprotectedHandshakeAfterKeysIsRefused() throws {
        var reader = RecordLayer()
        reader.setReadProtection(try protection())
        var bytes = ByteBuffer(bytes: [22, 3, 3, 0, 1, 0])
        reader.receive(&bytes)
        #expect(throws: PeerMisbehaved.self) { try reader.nextPlaintext() }
    }

    @Test func badChangeCipherSpecIsRefused() {
        var reader = RecordLayer()
        var bytes = ByteBuffer(bytes: [20, 3, 3, 0, 1, 2])
        reader.receive(&bytes)
        #expect(throws: PeerMisbehaved.self) { try reader.nextPlaintext() }
    }

    @Test func oversizedPlaintextIsRecordOverflow() {
        var reader = RecordLayer()
        var bytes = ByteBuffer(bytes: [22, 3, 3, 0x40, 0x01] + [UInt8](repeating: 1, count: (1 << 14) + 1))
        reader.receive(&bytes)
        #expect(throws: PeerMisbehaved.recordOverflow((1 << 14) + 1)) { try reader.nextPlaintext() }
    }

    @Test func emptyHandshakeRecordIsRefused() {
        var reader = RecordLayer()
        var bytes = ByteBuffer(bytes: [22, 3, 3, 0, 0])
        reader.receive(&bytes)
        #expect(throws: PeerMisbehaved.self) { try reader.nextPlaintext() }
    }

    @Test func wrongKeyIsBadRecordMAC() throws {
        var writer = RecordLayer()
        writer.setWriteProtection(try protection(1))
        var output = ByteBuffer()
        try writer.write(contentType: .handshake, data: ByteBuffer(bytes: [1, 2, 3]), into: &output)
        var reader = RecordLayer()
        reader.setReadProtection(try protection(2))
        reader.receive(&output)
        #expect(throws: PeerMisbehaved.badRecordMAC) { try reader.nextPlaintext() }
    }

    @Test func plaintextAlertIsAcceptedOnlyUntilTheFirstRecordOpens() throws {
        var writer = RecordLayer()
        writer.setWriteProtection(try protection())
        var sealed = ByteBuffer()
        try writer.write(contentType: .handshake, data: ByteBuffer(bytes: [1, 2, 3]), into: &sealed)
        var reader = RecordLayer()
        reader.setReadProtection(try protection())
        var alert = ByteBuffer(bytes: [21, 3, 3, 0, 2, 2, 40])
        reader.receive(&alert)
        #expect(try reader.nextPlaintext()?.contentType == .alert)
        reader.receive(&sealed)
        #expect(try reader.nextPlaintext()?.contentType == .handshake)
        var late = ByteBuffer(bytes: [21, 3, 3, 0, 2, 2, 40])
        reader.receive(&late)
        #expect(throws: PeerMisbehaved.self) { try reader.nextPlaintext() }
    }

    @Test func rejectedEarlyDataIsSkippedUpToItsBudgetUntilARecordOpens() throws {
        var early = RecordLayer()
        early.setWriteProtection(try protection(1))
        var skipped = ByteBuffer()
        try early.write(contentType: .applicationData, data: ByteBuffer(repeating: 9, count: 100), into: &skipped)
        var writer = RecordLayer()
        writer.setWriteProtection(try protection(2))
        var opened = ByteBuffer()
        try writer.write(contentType: .handshake, data: ByteBuffer(bytes: [1, 2, 3]), into: &opened)
        try writer.write(contentType: .applicationData, data: ByteBuffer(bytes: [4]), into: &opened)

        var reader = RecordLayer()
        reader.skipRejectedEarlyData(limit: 150)
        reader.setReadProtection(try protection(2))
        var input = skipped
        input.writeImmutableBuffer(opened)
        reader.receive(&input)
        #expect(try reader.nextPlaintext()?.contentType == .handshake)
        #expect(reader.readProtection?.sequenceNumber == 1)
        #expect(try reader.nextPlaintext()?.contentType == .applicationData)
        // Skipping has ended: a record under other keys is a bad_record_mac now.
        var after = ByteBuffer()
        try early.write(contentType: .applicationData, data: ByteBuffer(bytes: [5]), into: &after)
        reader.receive(&after)
        #expect(throws: PeerMisbehaved.badRecordMAC) { try reader.nextPlaintext() }

        var overBudget = RecordLayer()
        overBudget.skipRejectedEarlyData(limit: 99)
        overBudget.setReadProtection(try protection(2))
        var tooMuch = skipped
        overBudget.receive(&tooMuch)
        #expect(throws: PeerMisbehaved.self) { try overBudget.nextPlaintext() }
    }
}
