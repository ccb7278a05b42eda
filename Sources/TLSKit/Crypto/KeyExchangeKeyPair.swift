import Crypto
import Foundation

/// A client's ephemeral key share for one group (RFC 8446, Section 4.2.8).
///
/// Groups: X25519MLKEM768 (draft-ietf-tls-ecdhe-mlkem: share = ML-KEM-768 encapsulation key
/// (1184 bytes) || X25519 public key (32 bytes)), X25519 (RFC 7748), secp256r1 and secp384r1
/// (uncompressed points, RFC 8446, Section 4.2.8.2).
struct KeyExchangeKeyPair: Sendable {
    private enum PrivateKey: Sendable {
        case x25519(Curve25519.KeyAgreement.PrivateKey)
        case secp256r1(P256.KeyAgreement.PrivateKey)
        case secp384r1(P384.KeyAgreement.PrivateKey)
        /// The ML-KEM key is kept type-erased: on Apple platforms `MLKEM768` needs a newer OS
        /// than the package's minimum.
        case x25519MLKEM768(mlkem: any Sendable, x25519: Curve25519.KeyAgreement.PrivateKey)
    }

    let group: NamedGroup
    /// The `key_exchange` bytes of our KeyShareEntry.
    let publicKeyShare: [UInt8]
    private let privateKey: PrivateKey

    private init(group: NamedGroup, publicKeyShare: [UInt8], privateKey: PrivateKey) {
        self.group = group
        self.publicKeyShare = publicKeyShare
        self.privateKey = privateKey
    }

    /// A fresh key pair; throws `TLSError` (`.configuration`) for a group this library does not implement.
    static func generate(group: NamedGroup) throws -> KeyExchangeKeyPair {
        switch group {
        case .x25519:
            let key = Curve25519.KeyAgreement.PrivateKey()
            return KeyExchangeKeyPair(
                group: group, publicKeyShare: Array(key.publicKey.rawRepresentation), privateKey: .x25519(key))
        case .secp256r1:
            let key = P256.KeyAgreement.PrivateKey()
            return KeyExchangeKeyPair(
                group: group, publicKeyShare: Array(key.publicKey.x963Representation), privateKey: .secp256r1(key))
        case .secp384r1:
            let key = P384.KeyAgreement.PrivateKey()
            return KeyExchangeKeyPair(
                group: group, publicKeyShare: Array(key.publicKey.x963Representation), privateKey: .secp384r1(key))
        case .x25519MLKEM768:
            guard #available(macOS 26.0, iOS 26.0, watchOS 26.0, tvOS 26.0, macCatalyst 26.0, visionOS 26.0, *) else {
                throw TLSError(code: .configuration, reason: "X25519MLKEM768 needs ML-KEM, which this OS version lacks")
            }
            let mlkem: MLKEM768.PrivateKey
            do {
                mlkem = try MLKEM768.PrivateKey.generate()
            } catch {
                throw TLSError(code: .internalError, reason: "ML-KEM-768 key generation failed: \(error)")
            }
            let x25519 = Curve25519.KeyAgreement.PrivateKey()
            let share = Array(mlkem.publicKey.rawRepresentation) + Array(x25519.publicKey.rawRepresentation)
            return KeyExchangeKeyPair(
                group: group, publicKeyShare: share, privateKey: .x25519MLKEM768(mlkem: mlkem, x25519: x25519))
        default:
            throw TLSError(code: .configuration, reason: "key exchange group \(group) is not supported")
        }
    }

    /// The shared secret with the server's `key_exchange` bytes.
    ///
    /// Throws `PeerMisbehaved.illegalParameter` for a share of the wrong length, a point not
    /// on the curve, or an all-zero X25519 result (RFC 8446, Section 7.4.2).
    func sharedSecret(peerShare: [UInt8]) throws -> [UInt8] {
        switch privateKey {
        case .x25519(let key):
            return try KeyExchangeKeyPair.x25519SharedSecret(key, peerShare: peerShare)
        case .secp256r1(let key):
            guard peerShare.count == 65, peerShare.first == 0x04,
                let peer = try? P256.KeyAgreement.PublicKey(x963Representation: peerShare),
                let secret = try? key.sharedSecretFromKeyAgreement(with: peer)
            else { throw PeerMisbehaved.illegalParameter("the secp256r1 key share is not a valid uncompressed point") }
            return secret.withUnsafeBytes { Array($0) }
        case .secp384r1(let key):
            guard peerShare.count == 97, peerShare.first == 0x04,
                let peer = try? P384.KeyAgreement.PublicKey(x963Representation: peerShare),
                let secret = try? key.sharedSecretFromKeyAgreement(with: peer)
            else { throw PeerMisbehaved.illegalParameter("the secp384r1 key share is not a valid uncompressed point") }
            return secret.withUnsafeBytes { Array($0) }
        case .x25519MLKEM768(let mlkemKey, let x25519):
            guard #available(macOS 26.0, iOS 26.0, watchOS 26.0, tvOS 26.0, macCatalyst 26.0, visionOS 26.0, *),
                let mlkem = mlkemKey as? MLKEM768.PrivateKey
            else { throw TLSError(code: .internalError, reason: "ML-KEM-768 is unavailable") }
            let ciphertextLength = KeyExchangeKeyPair.mlkem768CiphertextLength
            guard peerShare.count == ciphertextLength + 32 else {
                throw PeerMisbehaved.illegalParameter(
                    "the X25519MLKEM768 key share has \(peerShare.count) bytes, not \(ciphertextLength + 32)")
            }
            let mlkemSecret: SymmetricKey
            do {
                mlkemSecret = try mlkem.decapsulate(peerShare[..<ciphertextLength])
            } catch {
                throw PeerMisbehaved.illegalParameter("the ML-KEM-768 ciphertext was rejected")
            }
            let x25519Secret = try KeyExchangeKeyPair.x25519SharedSecret(
                x25519, peerShare: Array(peerShare[ciphertextLength...]))
            return mlkemSecret.withUnsafeBytes { Array($0) } + x25519Secret
        }
    }

    /// ML-KEM-768 sizes (FIPS 203): encapsulation key 1184 bytes, ciphertext 1088 bytes.
    static let mlkem768EncapsulationKeyLength = 1184
    static let mlkem768CiphertextLength = 1088

    /// X25519 with the peer's 32-byte public key; an all-zero result is refused (RFC 7748, Section 6.1).
    static func x25519SharedSecret(_ key: Curve25519.KeyAgreement.PrivateKey, peerShare: [UInt8]) throws -> [UInt8] {
        guard peerShare.count == 32,
            let peer = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: peerShare),
            let secret = try? key.sharedSecretFromKeyAgreement(with: peer)
        else { throw PeerMisbehaved.illegalParameter("the X25519 key share is invalid") }
        let bytes = secret.withUnsafeBytes { Array($0) }
        guard bytes.contains(where: { $0 != 0 }) else {
            throw PeerMisbehaved.illegalParameter("the X25519 key share gives an all-zero shared secret")
        }
        return bytes
    }
}
