import Crypto
import Foundation
import Testing
import X509
import _CryptoExtras

@testable import TLSKit

@Suite struct TLS12RSAKeyExchangeTests {
    /// One 2048-bit key for the whole suite (generating one takes a moment), kept as DER
    /// because the key type is not Sendable.
    static let privateKeyDER: Data? = try? _RSA.Encryption.PrivateKey(keySize: .bits2048).derRepresentation

    func key() throws -> _RSA.Encryption.PrivateKey {
        try _RSA.Encryption.PrivateKey(derRepresentation: try #require(Self.privateKeyDER))
    }

    func bytes(_ key: SymmetricKey) -> [UInt8] { key.withUnsafeBytes { Array($0) } }

    func decrypt(_ ciphertext: [UInt8], clientVersion: ProtocolVersion = .tls12) throws -> [UInt8] {
        bytes(
            TLS12RSAKeyExchange.decryptPreMasterSecret(
                encryptedPreMasterSecret: ciphertext, privateKey: try key(), clientVersion: clientVersion))
    }

    @Test func premasterHasTheClientVersionAndRandomBytes() {
        let first = bytes(TLS12RSAKeyExchange.makePreMasterSecret())
        let second = bytes(TLS12RSAKeyExchange.makePreMasterSecret())
        #expect(first.count == 48)
        #expect(Array(first.prefix(2)) == [3, 3])
        #expect(first != second)
        #expect(Array(bytes(TLS12RSAKeyExchange.makePreMasterSecret(clientVersion: .tls11)).prefix(2)) == [3, 2])
    }

    @Test func correctPremasterRoundTrips() throws {
        let key = try key()
        let (secret, ciphertext) = try TLS12RSAKeyExchange.clientKeyExchange(publicKey: key.publicKey)
        #expect(ciphertext.count == 256)
        #expect(try decrypt(ciphertext) == bytes(secret))
    }

    /// The premaster carries the version the client offered; a server that compares it with
    /// anything else (say the negotiated version) gets random bytes.
    @Test func wrongVersionGivesRandomBytes() throws {
        let key = try key()
        let (secret, ciphertext) = try TLS12RSAKeyExchange.clientKeyExchange(publicKey: key.publicKey, clientVersion: .tls11)
        let atTLS12 = try decrypt(ciphertext, clientVersion: .tls12)
        #expect(atTLS12.count == 48)
        #expect(atTLS12 != bytes(secret))
        #expect(try decrypt(ciphertext, clientVersion: .tls11) == bytes(secret))
        // Either byte of the version, wrong.
        for version: [UInt8] in [[2, 3], [3, 1], [0, 0], [0x7F, 0x03]] {
            let plaintext = version + [UInt8](repeating: 0x44, count: 46)
            let wrong = Array(try key.publicKey.encrypt(plaintext, padding: ._WEAK_AND_INSECURE_PKCS_V1_5))
            let result = try decrypt(wrong)
            #expect(result.count == 48)
            #expect(result != plaintext)
        }
    }

    @Test func badPaddingGivesRandomBytes() throws {
        // Random bytes of the modulus size: almost surely not PKCS#1 v1.5 (and below the
        // modulus with a leading zero byte).
        for _ in 0..<4 {
            let ciphertext = [0] + RandomBytes.generate(count: 255)
            let first = try decrypt(ciphertext)
            let second = try decrypt(ciphertext)
            #expect(first.count == 48)
            #expect(first != second)  // fresh random bytes each time, so nothing to learn from
        }
        // Not even the modulus size.
        for ciphertext in [[], [1], [UInt8](repeating: 0xFF, count: 300)] as [[UInt8]] {
            #expect(try decrypt(ciphertext).count == 48)
        }
    }

    @Test func wrongLengthPlaintextGivesRandomBytes() throws {
        let key = try key()
        for length in [0, 2, 47, 49, 100] {
            let plaintext = Array([UInt8]([3, 3] + [UInt8](repeating: 0x55, count: 100)).prefix(length))
            let ciphertext = Array(try key.publicKey.encrypt(plaintext, padding: ._WEAK_AND_INSECURE_PKCS_V1_5))
            let result = try decrypt(ciphertext)
            // What taking the plaintext would have given: its first 48 bytes, zero-filled.
            let accepted = Array((plaintext + [UInt8](repeating: 0, count: 48)).prefix(48))
            #expect(result.count == 48, "\(length)-byte plaintext")
            #expect(result != accepted, "\(length)-byte plaintext")
        }
    }

    @Test func keysFromCertificatesAndIdentities() throws {
        let signing = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let identity = TLSSigningKey(signing)
        let decryptionKey = try #require(TLS12RSAKeyExchange.decryptionKey(for: identity))
        let encryptionKey = try #require(TLS12RSAKeyExchange.encryptionKey(for: Certificate.PublicKey(signing.publicKey)))
        let (secret, ciphertext) = try TLS12RSAKeyExchange.clientKeyExchange(publicKey: encryptionKey)
        let decrypted = TLS12RSAKeyExchange.decryptPreMasterSecret(
            encryptedPreMasterSecret: ciphertext, privateKey: decryptionKey, clientVersion: .tls12)
        #expect(decrypted == secret)
        // Not RSA.
        let ecdsa = P256.Signing.PrivateKey()
        #expect(TLS12RSAKeyExchange.decryptionKey(for: TLSSigningKey(ecdsa)) == nil)
        #expect(TLS12RSAKeyExchange.encryptionKey(for: Certificate.PublicKey(ecdsa.publicKey)) == nil)
    }

    @Test func constantTimeHelpers() {
        #expect(constantTimeEqualMask(48, 48) == 0xFF)
        #expect(constantTimeEqualMask(0, 0) == 0xFF)
        #expect(constantTimeEqualMask(47, 48) == 0)
        #expect(constantTimeEqualMask(-1, 1) == 0)
        #expect(constantTimeEqualMask(Int.min, 0) == 0)
        #expect(constantTimeEqualMask(0x0303, 0x0302) == 0)
        #expect(constantTimeSelect(mask: 0xFF, [1, 2], [3, 4]) == [1, 2])
        #expect(constantTimeSelect(mask: 0x00, [1, 2], [3, 4]) == [3, 4])
    }
}
