#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Cryptographically secure random bytes for hello randoms, session IDs and ticket fields,
/// from the operating system's generator in one request per call. (swift-crypto's random
/// keys go through `SystemRandomNumberGenerator`, one system call per 8 bytes: four for a
/// hello random.)
enum RandomBytes {
    static func generate(count: Int) -> [UInt8] {
        guard count > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            fill(UnsafeMutableRawBufferPointer(buffer))
            initialized = count
        }
    }

    /// The most getentropy(3) returns in one call.
    private static let maximumEntropyRequest = 256

    /// Fills `buffer` from the kernel (getentropy(3), which is getrandom(2), on Linux, arc4random_buf on Darwin), falling
    /// back to the standard library's generator if the call is refused.
    private static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        guard let base = buffer.baseAddress else { return }
        #if canImport(Darwin)
        arc4random_buf(base, buffer.count)
        #else
        var filled = 0
        while filled < buffer.count {
            let chunk = min(buffer.count - filled, maximumEntropyRequest)
            guard getentropy(base + filled, chunk) == 0 else {
                var generator = SystemRandomNumberGenerator()
                for index in filled..<buffer.count { buffer[index] = generator.next() }
                return
            }
            filled += chunk
        }
        #endif
    }
}
