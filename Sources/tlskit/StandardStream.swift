#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore

/// Unbuffered writes to standard output and standard error.
enum StandardStream {
    case output
    case error

    private var descriptor: Int32 {
        switch self {
        case .output: STDOUT_FILENO
        case .error: STDERR_FILENO
        }
    }

    func write(_ text: String) {
        var text = text
        text.withUTF8 { self.write($0) }
    }

    func write(_ buffer: ByteBuffer) {
        buffer.withUnsafeReadableBytes { raw in
            self.write(UnsafeBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: UInt8.self), count: raw.count))
        }
    }

    /// Writes all of `bytes`, retrying after interruptions and partial writes.
    private func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard var base = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            #if canImport(Darwin)
            let written = Darwin.write(self.descriptor, base, remaining)
            #elseif canImport(Musl)
            let written = Musl.write(self.descriptor, base, remaining)
            #else
            let written = Glibc.write(self.descriptor, base, remaining)
            #endif
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            remaining -= written
            base += written
        }
    }
}
