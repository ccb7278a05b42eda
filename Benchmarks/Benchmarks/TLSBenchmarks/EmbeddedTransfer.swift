import AllocationCounter
import NIOCore
import NIOEmbedded

/// Bulk transfer between two EmbeddedChannels with a TLS handler in each (either stack),
/// sending and receiving timed apart.
enum EmbeddedTransfer {
    /// Writes `chunk` `times` times on `sender` and takes what its TLS handler writes out.
    static func timeSending(_ chunk: ByteBuffer, times: Int, from sender: EmbeddedChannel) throws -> OperationTiming {
        let clock = ContinuousClock()
        let start = clock.now
        var sealed = 0
        for _ in 0..<times {
            try sender.writeOutbound(chunk)
            while let bytes = try sender.readOutbound(as: ByteBuffer.self) { sealed += bytes.readableBytes }
        }
        let elapsed = clock.now - start
        guard sealed > chunk.readableBytes * times else { throw BenchmarkFailure("sealed too little: \(sealed) bytes") }
        return OperationTiming(total: elapsed)
    }

    /// For each of `times` writes of `chunk`: `sender` seals it (not timed), then `receiver`
    /// takes it in (timed), while the records are still in the cache as bytes just read from
    /// a socket would be; `received` reads the receiver's count of application bytes.
    static func timeReceiving(
        _ chunk: ByteBuffer, times: Int, from sender: EmbeddedChannel, to receiver: EmbeddedChannel, received: () -> Int
    ) throws -> OperationTiming {
        let before = received()
        let clock = ContinuousClock()
        var elapsed: Duration = .zero
        var allocations: UInt64 = 0
        var records: [ByteBuffer] = []
        for _ in 0..<times {
            records.removeAll(keepingCapacity: true)
            try sender.writeOutbound(chunk)
            while let bytes = try sender.readOutbound(as: ByteBuffer.self) { records.append(bytes) }
            let allocationsBefore = allocation_count()
            let start = clock.now
            for bytes in records { try receiver.writeInbound(bytes) }
            elapsed += clock.now - start
            allocations += allocation_count() - allocationsBefore
        }
        guard received() - before == chunk.readableBytes * times else { throw BenchmarkFailure("data was lost on the way") }
        return OperationTiming(total: elapsed, allocations: Int(allocations))
    }
}
