import Crypto
import Testing

@testable import TLSKit

@Suite struct TLS12PRFTests {
    typealias V = TLS12PRFVectors

    func bytes(_ key: SymmetricKey) -> [UInt8] { key.withUnsafeBytes { Array($0) } }

    @Test func prfSHA256() {
        let secret = SymmetricKey(data: V.prfSecret)
        for (length, expected) in [(100, V.prf256_100), (1, V.prf256_1), (32, V.prf256_32)] {
            let output = TLS12PRF.prf(hash: .sha256, secret: secret, label: "test label", seed: V.prfSeed, length: length)
            #expect(bytes(output) == expected, "\(length) bytes")
        }
    }

    @Test func prfSHA384() {
        let secret = SymmetricKey(data: V.prfSecret384)
        let output = TLS12PRF.prf(hash: .sha384, secret: secret, label: "test label", seed: V.prfSeed, length: 148)
        #expect(bytes(output) == V.prf384_148)
        let noSeed = TLS12PRF.prf(hash: .sha384, secret: secret, label: "x", seed: [], length: 77)
        #expect(bytes(noSeed) == V.prf384_empty_seed_77)
    }

    @Test func prfOfNoLengthIsEmpty() {
        let secret = SymmetricKey(data: V.prfSecret)
        #expect(TLS12PRF.prf(hash: .sha256, secret: secret, label: "a", seed: [], length: 0).bitCount == 0)
        #expect(TLS12PRF.prf(hash: .sha256, secret: secret, label: "a", seed: [], length: -1).bitCount == 0)
    }

    @Test func masterSecret() {
        let premaster = SymmetricKey(data: V.premaster)
        for (hash, expected) in [(TLSHashAlgorithm.sha256, V.master256), (.sha384, V.master384)] {
            let master = TLS12PRF.masterSecret(
                hash: hash, preMasterSecret: premaster, clientRandom: V.clientRandom, serverRandom: V.serverRandom)
            #expect(bytes(master) == expected)
        }
    }

    @Test func extendedMasterSecret() {
        let premaster = SymmetricKey(data: V.premaster)
        let ems256 = TLS12PRF.extendedMasterSecret(hash: .sha256, preMasterSecret: premaster, sessionHash: V.sessionHash256)
        let ems384 = TLS12PRF.extendedMasterSecret(hash: .sha384, preMasterSecret: premaster, sessionHash: V.sessionHash384)
        #expect(bytes(ems256) == V.ems256)
        #expect(bytes(ems384) == V.ems384)
        #expect(bytes(ems256) != V.master256)
    }

    @Test(arguments: [
        (CipherSuite.tlsECDHEECDSAWithAES128GCMSHA256, V.keyBlockAES128),
        (.tlsRSAWithAES128GCMSHA256, V.keyBlockAES128),
        (.tlsECDHERSAWithAES256GCMSHA384, V.keyBlockAES256),
        (.tlsECDHERSAWithChaCha20Poly1305SHA256, V.keyBlockChaCha),
    ])
    func keyBlockSplit(suite: CipherSuite, block: [UInt8]) throws {
        let parameters = try #require(CipherSuiteParameters.tls12(suite))
        let master = SymmetricKey(data: parameters.hash == .sha384 ? V.master384 : V.master256)
        let keys = TLS12KeyBlock(
            parameters: parameters, masterSecret: master, clientRandom: V.clientRandom, serverRandom: V.serverRandom)
        let k = parameters.keyLength
        let iv = parameters.fixedIVLength
        #expect(block.count == 2 * k + 2 * iv)
        #expect(bytes(keys.clientWriteKey) == Array(block[0..<k]))
        #expect(bytes(keys.serverWriteKey) == Array(block[k..<(2 * k)]))
        #expect(keys.clientWriteIV == Array(block[(2 * k)..<(2 * k + iv)]))
        #expect(keys.serverWriteIV == Array(block[(2 * k + iv)...]))
        #expect(bytes(keys.writeKeys(for: .client).key) == bytes(keys.clientWriteKey))
        #expect(keys.writeKeys(for: .server).iv == keys.serverWriteIV)
    }

    @Test func finishedVerifyData() {
        let cases: [(TLSHashAlgorithm, [UInt8], [UInt8], [UInt8], [UInt8])] = [
            (.sha256, V.master256, V.handshakeHash256, V.clientFinished256, V.serverFinished256),
            (.sha384, V.master384, V.handshakeHash384, V.clientFinished384, V.serverFinished384),
        ]
        for (hash, master, handshakeHash, client, server) in cases {
            let secret = SymmetricKey(data: master)
            let clientData = TLS12PRF.verifyData(hash: hash, masterSecret: secret, sender: .client, handshakeHash: handshakeHash)
            let serverData = TLS12PRF.verifyData(hash: hash, masterSecret: secret, sender: .server, handshakeHash: handshakeHash)
            #expect(clientData == client)
            #expect(serverData == server)
            #expect(clientData.count == 12)
        }
    }

    @Test func exporter() throws {
        let master256 = SymmetricKey(data: V.master256)
        let master384 = SymmetricKey(data: V.master384)
        func export(_ master: SymmetricKey, _ hash: TLSHashAlgorithm, _ context: [UInt8]?, _ length: Int) throws -> [UInt8] {
            try TLS12PRF.exportKeyingMaterial(
                hash: hash, masterSecret: master, clientRandom: V.clientRandom, serverRandom: V.serverRandom,
                label: "EXPORTER-test", context: context, length: length)
        }
        #expect(try export(master256, .sha256, nil, 42) == V.exporterNoContext)
        #expect(try export(master256, .sha256, Array("some context".utf8), 42) == V.exporterContext)
        #expect(try export(master384, .sha384, [], 64) == V.exporterEmptyContext)
        #expect(try export(master256, .sha256, [], 42) != V.exporterNoContext)  // RFC 5705: empty is not absent
        #expect(throws: TLSError.self) { try export(master256, .sha256, nil, 0) }
        #expect(throws: TLSError.self) { try export(master256, .sha256, [UInt8](repeating: 0, count: 0x10000), 16) }
        #expect(try export(master256, .sha256, [UInt8](repeating: 0, count: 0xFFFF), 16).count == 16)
    }
}
