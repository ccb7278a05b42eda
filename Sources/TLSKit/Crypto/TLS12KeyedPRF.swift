import Crypto

/// The TLS 1.2 PRF keyed with one secret (RFC 5246, Section 5): the HMAC key is processed
/// once, and the keyed state copied for every block of every output. A session keeps one for
/// its master secret, which feeds the key block and both Finished values.
struct TLS12KeyedPRF: Sendable {
    private enum Keyed: Sendable {
        case sha256(HMAC<SHA256>)
        case sha384(HMAC<SHA384>)
    }

    private let keyed: Keyed

    init(hash: TLSHashAlgorithm, secret: SymmetricKey) {
        switch hash {
        case .sha256: keyed = .sha256(HMAC<SHA256>(key: secret))
        case .sha384: keyed = .sha384(HMAC<SHA384>(key: secret))
        }
    }

    /// The first `length` bytes of PRF(secret, label, seed); empty for a `length` below 1.
    func output(label: String, seed: [UInt8], length: Int) -> [UInt8] {
        let labelAndSeed = Array(label.utf8) + seed
        switch keyed {
        case .sha256(let hmac): return Self.pHash(hmac, seed: labelAndSeed, length: length)
        case .sha384(let hmac): return Self.pHash(hmac, seed: labelAndSeed, length: length)
        }
    }

    /// P_hash(secret, seed): A(0) = seed, A(i) = HMAC(secret, A(i-1)), output
    /// HMAC(secret, A(1) + seed) + HMAC(secret, A(2) + seed) + ...
    private static func pHash<H: HashFunction>(_ keyed: HMAC<H>, seed: [UInt8], length: Int) -> [UInt8] {
        guard length > 0 else { return [] }
        var output: [UInt8] = []
        output.reserveCapacity(length + H.Digest.byteCount)
        var a = seed  // A(0)
        while output.count < length {
            var next = keyed
            next.update(data: a)
            a = next.finalize().withUnsafeBytes { Array($0) }  // A(i)
            var block = keyed
            block.update(data: a)
            block.update(data: seed)
            // Through the raw bytes: appending the MAC as a sequence goes element by element.
            block.finalize().withUnsafeBytes { output.append(contentsOf: $0) }
        }
        return Array(output.prefix(length))
    }
}
