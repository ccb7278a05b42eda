import AllocationCounter
import Foundation

/// Runs each benchmark for a fixed time after a warm-up and records the median time per
/// operation, the heap allocations of one operation, and (where the operation reports it)
/// the share of the time spent on the client and on the server side.
struct BenchmarkRunner {
    var duration: Duration = .seconds(3)
    var filter: String?
    private(set) var results: [String: BenchmarkResult] = [:]

    /// Whether `name` passes the command line's filter.
    func isSelected(_ name: String) -> Bool {
        guard let filter else { return true }
        return name.localizedCaseInsensitiveContains(filter)
    }

    /// Measures `operation` as a whole.
    mutating func run(
        _ name: String, bytesPerOperation: Int? = nil, isolation: isolated (any Actor)? = #isolation,
        _ operation: () async throws -> Void
    ) async throws {
        try await runTimed(name, bytesPerOperation: bytesPerOperation) {
            let clock = ContinuousClock()
            let start = clock.now
            try await operation()
            return OperationTiming(total: clock.now - start)
        }
    }

    /// Measures an operation that times itself (to leave its preparation out, or to split
    /// its time between client and server).
    mutating func runTimed(
        _ name: String, bytesPerOperation: Int? = nil, isolation: isolated (any Actor)? = #isolation,
        _ operation: () async throws -> OperationTiming
    ) async throws {
        guard isSelected(name) else { return }
        for _ in 0..<3 { _ = try await operation() }
        let allocationsBefore = allocation_count()
        let counted = try await operation()
        let allocations = counted.allocations ?? Int(allocation_count() - allocationsBefore)

        var samples: [OperationTiming] = []
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: duration)
        while clock.now < deadline || samples.count < 5 {
            samples.append(try await operation())
        }
        let result = BenchmarkResult(
            name: name, samples: samples, allocationsPerOperation: allocations, bytesPerOperation: bytesPerOperation)
        results[name] = result
        print(result.line)
    }

    /// Records a result measured elsewhere (a child process, for memory).
    mutating func record(_ result: BenchmarkResult) {
        results[result.name] = result
        print(result.line)
    }
}
