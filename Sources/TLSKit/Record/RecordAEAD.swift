import Crypto
import Foundation

/// The AEAD of a suite with its key, as both versions' record protection use it: seal and
/// open one record's content with a 12-byte nonce built on the stack and additional data.
enum RecordAEAD: Sendable {
    case aesGCM(SymmetricKey)
    case chaChaPoly(SymmetricKey)

    init(_ aead: CipherSuiteParameters.AEAD, key: SymmetricKey) {
        switch aead {
        case .aes128GCM, .aes256GCM: self = .aesGCM(key)
        case .chaCha20Poly1305: self = .chaChaPoly(key)
        }
    }

    /// The ciphertext and the 16-byte tag of `content`.
    func seal(
        _ content: UnsafeRawBufferPointer, nonce: UnsafeRawBufferPointer, authenticating additionalData: UnsafeRawBufferPointer
    ) throws -> (ciphertext: Data, tag: Data) {
        switch self {
        case .aesGCM(let key):
            let box = try AES.GCM.seal(content, using: key, nonce: AES.GCM.Nonce(data: nonce), authenticating: additionalData)
            return (box.ciphertext, box.tag)
        case .chaChaPoly(let key):
            let box = try ChaChaPoly.seal(content, using: key, nonce: ChaChaPoly.Nonce(data: nonce), authenticating: additionalData)
            return (box.ciphertext, box.tag)
        }
    }

    /// The plaintext of `ciphertext`; throws when authentication fails.
    func open(
        _ ciphertext: UnsafeRawBufferPointer, tag: UnsafeRawBufferPointer, nonce: UnsafeRawBufferPointer,
        authenticating additionalData: UnsafeRawBufferPointer
    ) throws -> Data {
        switch self {
        case .aesGCM(let key):
            let box = try AES.GCM.SealedBox(nonce: AES.GCM.Nonce(data: nonce), ciphertext: ciphertext, tag: tag)
            return try AES.GCM.open(box, using: key, authenticating: additionalData)
        case .chaChaPoly(let key):
            let box = try ChaChaPoly.SealedBox(nonce: ChaChaPoly.Nonce(data: nonce), ciphertext: ciphertext, tag: tag)
            return try ChaChaPoly.open(box, using: key, authenticating: additionalData)
        }
    }
}
