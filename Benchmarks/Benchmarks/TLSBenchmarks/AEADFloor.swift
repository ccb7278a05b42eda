import Crypto
import Foundation

/// swift-crypto's AEADs on their own, one 16 KiB record at a time with a fresh nonce as the
/// record layer needs: the rate bulk transfer cannot beat.
struct AEADFloor {
    enum Algorithm { case aes128GCM, chaCha20Poly1305 }

    static let recordSize = 16_384
    static let recordsPerOperation = 256

    private let algorithm: Algorithm
    private let key = SymmetricKey(size: .bits128)
    private let chaChaKey = SymmetricKey(size: .bits256)
    private let plaintext = [UInt8](repeating: 0x5A, count: recordSize)
    private let additionalData: [UInt8] = [0x17, 0x03, 0x03, 0x40, 0x11]
    private let aesSealed: [AES.GCM.SealedBox]
    private let chaChaSealed: [ChaChaPoly.SealedBox]

    init(_ algorithm: Algorithm) throws {
        self.algorithm = algorithm
        var aesSealed: [AES.GCM.SealedBox] = []
        var chaChaSealed: [ChaChaPoly.SealedBox] = []
        for _ in 0..<Self.recordsPerOperation {
            aesSealed.append(try AES.GCM.seal(plaintext, using: key, authenticating: additionalData))
            chaChaSealed.append(try ChaChaPoly.seal(plaintext, using: chaChaKey, authenticating: additionalData))
        }
        self.aesSealed = aesSealed
        self.chaChaSealed = chaChaSealed
    }

    /// Seals `recordsPerOperation` records, each under its own nonce (a counter, as the
    /// record layer's sequence number makes it).
    func seal() throws {
        var nonce = [UInt8](repeating: 0, count: 12)
        for index in 0..<Self.recordsPerOperation {
            nonce[11] = UInt8(truncatingIfNeeded: index)
            nonce[10] = UInt8(truncatingIfNeeded: index >> 8)
            switch algorithm {
            case .aes128GCM:
                _ = try AES.GCM.seal(plaintext, using: key, nonce: AES.GCM.Nonce(data: nonce), authenticating: additionalData)
            case .chaCha20Poly1305:
                _ = try ChaChaPoly.seal(
                    plaintext, using: chaChaKey, nonce: ChaChaPoly.Nonce(data: nonce), authenticating: additionalData)
            }
        }
    }

    /// Opens `recordsPerOperation` records.
    func open() throws {
        for index in 0..<Self.recordsPerOperation {
            switch algorithm {
            case .aes128GCM: _ = try AES.GCM.open(aesSealed[index], using: key, authenticating: additionalData)
            case .chaCha20Poly1305: _ = try ChaChaPoly.open(chaChaSealed[index], using: chaChaKey, authenticating: additionalData)
            }
        }
    }
}
