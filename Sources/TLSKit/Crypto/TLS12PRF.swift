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
        let labelAndSeed = Array(label.utf8) + seed
        let output: [UInt8]
        switch hash {
        case .sha256: output = pHash(SHA256.self, secret: secret, seed: labelAndSeed, length: length)
        case .sha384: output = pHash(SHA384.self, secret: secret, seed: labelAndSeed, length: length)
        }
        return SymmetricKey(data: output)
    }

    /// P_hash(secret, seed), expanded to `length` bytes and truncated (RFC 5246, Section 5).
    private static func pHash<H: HashFunction>(
        _: H.Type, secret: SymmetricKey, seed: [UInt8], length: Int
    ) -> [UInt8] {
        guard length > 0 else { return [] }
        // One keyed HMAC state, copied for each block, so the key is processed once.
        let keyed = HMAC<H>(key: secret)
        var output: [UInt8] = []
        output.reserveCapacity(length + H.Digest.byteCount)
        var a = seed  // A(0)
        while output.count < length {
            var next = keyed
            next.update(data: a)
            a = Array(next.finalize())  // A(i)
            var block = keyed
            block.update(data: a)
            block.update(data: seed)
            output.append(contentsOf: block.finalize())
        }
        return Array(output.prefix(length))
    }
}
