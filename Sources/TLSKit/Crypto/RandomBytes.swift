/// Cryptographically secure random bytes for hello randoms and session IDs.
///
/// `SystemRandomNumberGenerator` reads the operating system's CSPRNG (getrandom on Linux).
enum RandomBytes {
    static func generate(count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8]()
        bytes.reserveCapacity(count)
        for _ in 0..<count { bytes.append(generator.next()) }
        return bytes
    }
}
