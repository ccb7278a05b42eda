import Crypto
import Foundation
import NIOCore

/// The hash of a TLS 1.3 cipher suite, used for HKDF, HMAC and the transcript (RFC 8446, Section 7.1).
enum TLSHashAlgorithm: Sendable, Hashable {
    case sha256
    case sha384

    /// `Hash.length` in RFC 8446.
    var digestLength: Int {
        switch self {
        case .sha256: SHA256.byteCount
        case .sha384: SHA384.byteCount
        }
    }

    /// Hash of `bytes`.
    func hash<D: DataProtocol>(_ bytes: D) -> [UInt8] {
        switch self {
        case .sha256: Array(SHA256.hash(data: bytes))
        case .sha384: Array(SHA384.hash(data: bytes))
        }
    }

    /// Hash of the readable bytes of `buffer`, without copying them.
    func hash(_ buffer: ByteBuffer) -> [UInt8] {
        buffer.withUnsafeReadableBytes { hash($0) }
    }

    /// `Hash("")`, the context of Derive-Secret(., "derived", "") and the binder keys.
    var emptyHash: [UInt8] {
        switch self {
        case .sha256: Self.emptySHA256
        case .sha384: Self.emptySHA384
        }
    }

    private static let emptySHA256 = Array(SHA256.hash(data: [UInt8]()))
    private static let emptySHA384 = Array(SHA384.hash(data: [UInt8]()))

    /// HMAC(key, data) with this hash.
    func hmac<D: DataProtocol>(key: SymmetricKey, data: D) -> [UInt8] {
        switch self {
        case .sha256: Array(HMAC<SHA256>.authenticationCode(for: data, using: key))
        case .sha384: Array(HMAC<SHA384>.authenticationCode(for: data, using: key))
        }
    }

    /// HKDF-Extract(salt, IKM) (RFC 5869, Section 2.2).
    func hkdfExtract<Salt: DataProtocol>(salt: Salt, inputKeyMaterial: SymmetricKey) -> SymmetricKey {
        switch self {
        case .sha256:
            SymmetricKey(data: HKDF<SHA256>.extract(inputKeyMaterial: inputKeyMaterial, salt: salt))
        case .sha384:
            SymmetricKey(data: HKDF<SHA384>.extract(inputKeyMaterial: inputKeyMaterial, salt: salt))
        }
    }

    /// HKDF-Expand(PRK, info, L) (RFC 5869, Section 2.3).
    func hkdfExpand<Info: DataProtocol>(pseudoRandomKey: SymmetricKey, info: Info, length: Int) -> SymmetricKey {
        switch self {
        case .sha256:
            HKDF<SHA256>.expand(pseudoRandomKey: pseudoRandomKey, info: info, outputByteCount: length)
        case .sha384:
            HKDF<SHA384>.expand(pseudoRandomKey: pseudoRandomKey, info: info, outputByteCount: length)
        }
    }
}
