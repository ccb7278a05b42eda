/// Benchmarks measured side by side: the runner takes their samples in turns, a slice of
/// each round after round, so that a machine that speeds up or slows down during the run
/// (a shared virtual machine does, by 30% or more) affects all of them alike and their
/// ratios hold.
struct InterleavedBenchmarks {
    struct Entry {
        let name: String
        let bytesPerOperation: Int?
        let operation: () async throws -> OperationTiming
    }

    private(set) var entries: [Entry] = []

    /// An operation that times itself (see `OperationTiming`).
    mutating func addTimed(
        _ name: String, bytesPerOperation: Int? = nil, _ operation: @escaping () async throws -> OperationTiming
    ) {
        entries.append(Entry(name: name, bytesPerOperation: bytesPerOperation, operation: operation))
    }

    /// An operation timed as a whole.
    mutating func add(_ name: String, bytesPerOperation: Int? = nil, _ operation: @escaping () async throws -> Void) {
        addTimed(name, bytesPerOperation: bytesPerOperation) {
            let clock = ContinuousClock()
            let start = clock.now
            try await operation()
            return OperationTiming(total: clock.now - start)
        }
    }
}
