import Crypto

/// The TLS 1.2 pseudorandom function (RFC 5246, Section 5):
///
/// ```
/// PRF(secret, label, seed) = P_<hash>(secret, label + seed)
/// P_hash(secret, seed) = HMAC_hash(secret, A(1) + seed) + HMAC_hash(secret, A(2) + seed) + ...
/// A(0) = seed, A(i) = HMAC_hash(secret, A(i-1))
/// ```
///
/// with the suite's hash (SHA-256, or SHA-384 for the `_SHA384` suites). HMAC comes from
/// swift-crypto; the output stays in a `SymmetricKey`.
enum TLS12PRF {
    /// The first `length` bytes of PRF(secret, label, seed); the label is ASCII, without a
    /// length byte or a trailing NUL. A negative `length` gives an empty key.
    static func prf(
        hash: TLSHashAlgorithm, secret: SymmetricKey, label: String, seed: [UInt8], length: Int
    ) -> SymmetricKey {
        SymmetricKey(data: TLS12KeyedPRF(hash: hash, secret: secret).output(label: label, seed: seed, length: length))
    }
}
