import Foundation
/// Runs each benchmark for a fixed time after a warm-up and reports the median time per
/// operation and operations (or bytes) per second, in a table that puts TLSKit and
/// swift-nio-ssl side by side.
struct BenchmarkRunner {
    struct Result {
        var name: String
        var iterations: Int
        var median: Duration
        var bytesPerOperation: Int?
    }

    var duration: Duration = .seconds(3)
    var filter: String?
    private(set) var results: [Result] = []

    mutating func run(
        _ name: String, bytesPerOperation: Int? = nil, isolation: isolated (any Actor)? = #isolation,
        _ operation: () async throws -> Void
    ) async rethrows {
        if let filter, !name.localizedCaseInsensitiveContains(filter) { return }
        let clock = ContinuousClock()
        for _ in 0..<3 { try await operation() }
        var samples: [Duration] = []
        let deadline = clock.now.advanced(by: duration)
        while clock.now < deadline || samples.count < 5 {
            let start = clock.now
            try await operation()
            samples.append(clock.now - start)
        }
        samples.sort()
        let result = Result(
            name: name, iterations: samples.count, median: samples[samples.count / 2], bytesPerOperation: bytesPerOperation)
        results.append(result)
        print(Self.format(result))
    }

    static func format(_ result: Result) -> String {
        let seconds = Double(result.median.components.seconds) + Double(result.median.components.attoseconds) / 1e18
        var line = result.name.padding(toLength: 66, withPad: " ", startingAt: 0)
        line += " median " + String(format: "%10.1f µs", seconds * 1e6)
        if let bytes = result.bytesPerOperation {
            line += String(format: "  %8.1f MiB/s", Double(bytes) / seconds / 1_048_576)
        } else {
            line += String(format: "  %8.0f ops/s", 1 / seconds)
        }
        line += "  (\(result.iterations) runs)"
        return line
    }
}
