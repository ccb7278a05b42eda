import Crypto

/// What one TLS 1.3 key-schedule step costs through swift-crypto: HKDF-Expand of one
/// SHA-256 block (what HKDF-Expand-Label does for a 32-byte secret) beside one HMAC-SHA256 of
/// the same bytes, the work that step contains. A full handshake makes about 40 such calls
/// (20 a side), so the gap between the two is protocol overhead set by the library.
struct KeyScheduleCost {
    static let callsPerOperation = 100

    private let secret = SymmetricKey(size: .bits256)
    private let info: [UInt8] = [0, 32, 18] + Array("tls13 c hs traffic".utf8) + [32] + [UInt8](repeating: 0xA5, count: 32)

    /// `callsPerOperation` HKDF-Expand calls.
    func expand() -> Int {
        var total = 0
        for _ in 0..<Self.callsPerOperation {
            let key = HKDF<SHA256>.expand(pseudoRandomKey: secret, info: info, outputByteCount: 32)
            total &+= key.bitCount
        }
        return total
    }

    /// `callsPerOperation` HMAC-SHA256 computations over `info` and the block counter.
    func hmac() -> Int {
        let message = info + [1]
        var total = 0
        for _ in 0..<Self.callsPerOperation {
            let code = HMAC<SHA256>.authenticationCode(for: message, using: secret)
            total &+= code.byteCount
        }
        return total
    }
}
