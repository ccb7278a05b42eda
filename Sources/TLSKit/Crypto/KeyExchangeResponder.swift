import Crypto
import Foundation

/// The server side of a key exchange: answers a client's key share with ours and the shared
/// secret (RFC 8446, Section 4.2.8; draft-ietf-tls-ecdhe-mlkem for X25519MLKEM768, where the
/// server share is the ML-KEM ciphertext (1088 bytes) || X25519 public key (32 bytes)).
enum KeyExchangeResponder {
    /// Throws `PeerMisbehaved.illegalParameter` for a malformed client share and `TLSError`
    /// (`.configuration`) for a group this library does not implement.
    static func respond(group: NamedGroup, clientShare: [UInt8]) throws -> (serverShare: [UInt8], sharedSecret: [UInt8]) {
        switch group {
        case .x25519, .secp256r1, .secp384r1:
            let ours = try KeyExchangeKeyPair.generate(group: group)
            let secret = try ours.sharedSecret(peerShare: clientShare)
            return (ours.publicKeyShare, secret)
        case .x25519MLKEM768:
            guard #available(macOS 26.0, iOS 26.0, watchOS 26.0, tvOS 26.0, macCatalyst 26.0, visionOS 26.0, *) else {
                throw TLSError(code: .configuration, reason: "X25519MLKEM768 needs ML-KEM, which this OS version lacks")
            }
            let keyLength = KeyExchangeKeyPair.mlkem768EncapsulationKeyLength
            guard clientShare.count == keyLength + 32 else {
                throw PeerMisbehaved.illegalParameter(
                    "the X25519MLKEM768 key share has \(clientShare.count) bytes, not \(keyLength + 32)")
            }
            let encapsulation: KEM.EncapsulationResult
            do {
                let publicKey = try MLKEM768.PublicKey(rawRepresentation: clientShare[..<keyLength])
                encapsulation = try publicKey.encapsulate()
            } catch {
                throw PeerMisbehaved.illegalParameter("the ML-KEM-768 encapsulation key is invalid")
            }
            let x25519 = Curve25519.KeyAgreement.PrivateKey()
            let x25519Secret = try KeyExchangeKeyPair.x25519SharedSecret(
                x25519, peerShare: Array(clientShare[keyLength...]))
            let serverShare = Array(encapsulation.encapsulated) + Array(x25519.publicKey.rawRepresentation)
            let secret = encapsulation.sharedSecret.withUnsafeBytes { Array($0) } + x25519Secret
            return (serverShare, secret)
        default:
            throw TLSError(code: .configuration, reason: "key exchange group \(group) is not supported")
        }
    }
}
