import Crypto
import NIOCore
import Testing

@testable import TLSKit

@Suite struct KeyScheduleUnitTests {
    @Test func expandLabelInfoEncoding() {
        // RFC 8448 prints the info of HKDF-Expand-Label(secret, "key", "", 16): 00 10 09 "tls13 key" 00.
        let secret = SymmetricKey(data: RFC8448.serverHandshakeTrafficSecret)
        let info = rfcHex("00 10 09 74 6c 73 31 33 20 6b 65 79 00")
        let expected = HKDF<SHA256>.expand(pseudoRandomKey: secret, info: info, outputByteCount: 16)
        let actual = TLS13KeySchedule.hkdfExpandLabel(hash: .sha256, secret: secret, label: "key", context: [], length: 16)
        #expect(actual == expected)
        #expect(actual.withUnsafeBytes { Array($0) } == RFC8448.serverHandshakeKey)
    }

    @Test func expandLabelWithContextAndSHA384() {
        let secret = SymmetricKey(data: [UInt8](repeating: 7, count: 48))
        let context: [UInt8] = [1, 2, 3]
        // uint16 48, uint8 len("tls13 derived"), label, uint8 3, context.
        let info: [UInt8] = [0x00, 0x30, 13] + Array("tls13 derived".utf8) + [3, 1, 2, 3]
        let expected = HKDF<SHA384>.expand(pseudoRandomKey: secret, info: info, outputByteCount: 48)
        let actual = TLS13KeySchedule.hkdfExpandLabel(
            hash: .sha384, secret: secret, label: "derived", context: context, length: 48)
        #expect(actual == expected)
        #expect(actual.bitCount == 48 * 8)
    }

    @Test func trafficKeysForEachSuite() throws {
        for (suite, keyLength) in [(CipherSuite.tlsAES128GCMSHA256, 16), (.tlsAES256GCMSHA384, 32), (.tlsChaCha20Poly1305SHA256, 32)] {
            let parameters = try #require(CipherSuiteParameters.tls13(suite))
            #expect(parameters.keyLength == keyLength)
            #expect(parameters.ivLength == 12)
            let keys = TrafficKeys(parameters: parameters, secret: SymmetricKey(data: [UInt8](repeating: 1, count: parameters.hash.digestLength)))
            #expect(keys.key.bitCount == keyLength * 8)
            #expect(keys.iv.count == 12)
        }
        #expect(CipherSuiteParameters.tls13(.tlsAES256GCMSHA384)?.hash == .sha384)
        #expect(CipherSuiteParameters.tls13(CipherSuite(rawValue: 0xC02F)) == nil)
    }

    @Test func nextTrafficSecretIsExpandLabelTrafficUpd() {
        let schedule = TLS13KeySchedule(hash: .sha256)
        let secret = SymmetricKey(data: RFC8448.clientApplicationTrafficSecret)
        let next = schedule.nextTrafficSecret(secret)
        let expected = TLS13KeySchedule.hkdfExpandLabel(hash: .sha256, secret: secret, label: "traffic upd", context: [], length: 32)
        #expect(next == expected)
        #expect(next != secret)
    }

    @Test func constantTimeCompare() {
        #expect(constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(!constantTimeEquals([1, 2, 3], [1, 2, 4]))
        #expect(!constantTimeEquals([1, 2, 3], [1, 2]))
        #expect(constantTimeEquals([], []))
    }
}

@Suite struct TranscriptHashTests {
    let clientHello1: [UInt8] = [1, 0, 0, 3, 0xAA, 0xBB, 0xCC]
    let helloRetryRequest: [UInt8] = [2, 0, 0, 2, 0x11, 0x22]

    @Test func emptyTranscriptIsHashOfNothing() {
        var transcript = TranscriptHash()
        #expect(transcript.currentHash() == [])  // no hash chosen yet
        transcript.choose(.sha256)
        #expect(transcript.currentHash() == Array(SHA256.hash(data: [UInt8]())))
    }

    @Test func buffersUntilTheHashIsChosen() {
        var early = TranscriptHash()
        early.append(ByteBuffer(bytes: RFC8448.clientHello))
        early.append(ByteBuffer(bytes: RFC8448.serverHello))
        early.choose(.sha256)
        #expect(early.currentHash() == RFC8448.helloHash)

        var late = TranscriptHash()
        late.append(ByteBuffer(bytes: RFC8448.clientHello))
        late.choose(.sha384)
        late.append(ByteBuffer(bytes: RFC8448.serverHello))
        #expect(late.currentHash() == Array(SHA384.hash(data: RFC8448.clientHello + RFC8448.serverHello)))
    }

    @Test(arguments: [TLSHashAlgorithm.sha256, .sha384])
    func helloRetryRequestMessageHash(hash: TLSHashAlgorithm) {
        var transcript = TranscriptHash()
        transcript.append(ByteBuffer(bytes: clientHello1))
        transcript.choose(hash)
        transcript.replaceWithMessageHash()
        let synthetic: [UInt8] = [254, 0, 0, UInt8(hash.digestLength)] + hash.hash(clientHello1)
        #expect(transcript.currentHash() == hash.hash(synthetic))
        transcript.append(ByteBuffer(bytes: helloRetryRequest))
        #expect(transcript.currentHash() == hash.hash(synthetic + helloRetryRequest))
    }
}
