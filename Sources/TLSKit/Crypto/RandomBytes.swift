import Crypto

/// Cryptographically secure random bytes for hello randoms, session IDs, ticket fields and
/// nonces, from swift-crypto's generator (BoringSSL's RAND_bytes, seeded by the operating
/// system): one call per request, not one system call per byte.
enum RandomBytes {
    static func generate(count: Int) -> [UInt8] {
        guard count > 0 else { return [] }
        return SymmetricKey(size: SymmetricKeySize(bitCount: count * 8)).withUnsafeBytes { Array($0) }
    }
}
