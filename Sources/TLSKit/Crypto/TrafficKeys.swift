import Crypto

/// The AEAD key and IV of one direction (RFC 8446, Section 7.3):
/// `key = HKDF-Expand-Label(Secret, "key", "", key_length)`, `iv = HKDF-Expand-Label(Secret, "iv", "", iv_length)`.
struct TrafficKeys: Sendable {
    let key: SymmetricKey
    let iv: [UInt8]

    init(parameters: CipherSuiteParameters, secret: SymmetricKey) {
        key = TLS13KeySchedule.hkdfExpandLabel(
            hash: parameters.hash, secret: secret, label: "key", context: [], length: parameters.keyLength)
        iv = TLS13KeySchedule.hkdfExpandLabel(
            hash: parameters.hash, secret: secret, label: "iv", context: [], length: parameters.ivLength
        ).withUnsafeBytes { Array($0) }
    }
}
