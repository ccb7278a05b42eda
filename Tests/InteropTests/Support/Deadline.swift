/// Runs `body`, failing with `Deadline.Exceeded` if it has not finished within `timeout`, so a
/// peer that stops answering fails the test instead of hanging the run.
enum Deadline {
    struct Exceeded: Error, CustomStringConvertible {
        var what: String
        var timeout: Duration
        var description: String { "\(what) did not finish within \(timeout)" }
    }

    static func run<Result: Sendable>(
        _ what: String,
        timeout: Duration = InteropTimeouts.peer,
        _ body: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let result = first else {
                throw Exceeded(what: what, timeout: timeout)
            }
            return result
        }
    }
}
