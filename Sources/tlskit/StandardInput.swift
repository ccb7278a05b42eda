#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import NIOCore

/// Standard input as an async sequence of chunks, read on a thread of its own (standard input may
/// be a terminal, a pipe or a regular file, and a blocking read must not hold a task thread).
/// At most a few chunks are read ahead of the consumer.
final class StandardInput: Sendable {
    let chunks: AsyncStream<ByteBuffer>
    private let credit: DispatchSemaphore

    init(readAhead: Int = 4, chunkSize: Int = 16 * 1024) {
        let (stream, continuation) = AsyncStream.makeStream(of: ByteBuffer.self)
        // Starts at 0 and is raised: libdispatch traps when a semaphore is released with a
        // value below the one it was created with, as it is after a read at end of input.
        let credit = DispatchSemaphore(value: 0)
        for _ in 0..<max(1, readAhead) { credit.signal() }
        self.chunks = stream
        self.credit = credit
        let thread = Thread {
            var bytes = [UInt8](repeating: 0, count: chunkSize)
            while true {
                credit.wait()
                let count = bytes.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
                if count > 0 {
                    continuation.yield(ByteBuffer(bytes: bytes[0..<count]))
                } else if count < 0 && errno == EINTR {
                    credit.signal()
                } else {
                    continuation.finish()
                    return
                }
            }
        }
        thread.start()
    }

    /// Tells the reader a chunk has been handled, so it may read another.
    func didConsume() {
        self.credit.signal()
    }
}
