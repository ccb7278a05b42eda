import AllocationCounter
import Foundation

/// Runs benchmarks for a fixed time after a warm-up, in turns with those they are compared
/// with, and records the median time per operation, the heap allocations of one operation,
/// and (where the operation reports it) the time spent on the client and on the server side.
struct BenchmarkRunner {
    var duration: Duration = .seconds(3)
    var filter: String?
    private(set) var results: [String: BenchmarkResult] = [:]

    /// Whether `name` passes the command line's filter.
    func isSelected(_ name: String) -> Bool {
        guard let filter else { return true }
        return name.localizedCaseInsensitiveContains(filter)
    }

    /// How long each turn of an interleaved benchmark lasts.
    var slice: Duration = .milliseconds(100)

    /// Measures the selected benchmarks of `group` in turns: after a warm-up and one counted
    /// operation each (for the allocations), a slice of each, round after round, until each
    /// has had `duration` (and at least 5 samples).
    mutating func run(_ group: InterleavedBenchmarks, isolation: isolated (any Actor)? = #isolation) async throws {
        let entries = group.entries.filter { isSelected($0.name) }
        guard !entries.isEmpty else { return }
        var allocations: [Int] = []
        for entry in entries {
            for _ in 0..<3 { _ = try await entry.operation() }
            let before = allocation_count()
            let counted = try await entry.operation()
            allocations.append(counted.allocations ?? Int(allocation_count() - before))
        }
        let clock = ContinuousClock()
        var samples = Array(repeating: [OperationTiming](), count: entries.count)
        var spent = Duration.zero
        while spent < duration || samples.contains(where: { $0.count < 5 }) {
            for (index, entry) in entries.enumerated() {
                let end = clock.now.advanced(by: slice)
                repeat { samples[index].append(try await entry.operation()) } while clock.now < end
            }
            spent += slice
        }
        for (index, entry) in entries.enumerated() {
            let result = BenchmarkResult(
                name: entry.name, samples: samples[index], allocationsPerOperation: allocations[index],
                bytesPerOperation: entry.bytesPerOperation)
            results[entry.name] = result
            print(result.line)
        }
    }

    /// Records a result measured elsewhere (a child process, for memory).
    mutating func record(_ result: BenchmarkResult) {
        results[result.name] = result
        print(result.line)
    }
}
