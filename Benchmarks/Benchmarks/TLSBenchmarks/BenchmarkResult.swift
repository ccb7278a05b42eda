import Foundation

/// What one benchmark measured: the median time of an operation, the allocations of one
/// operation, and the mean client and server time when the operation splits them.
struct BenchmarkResult {
    var name: String
    var iterations: Int
    var median: Duration
    var meanClient: Duration?
    var meanServer: Duration?
    var allocationsPerOperation: Int?
    var bytesPerOperation: Int?
    /// For memory results: bytes per connection, shown instead of a rate.
    var bytesPerConnection: (peak: Double, final: Double)? = nil

    init(name: String, samples: [OperationTiming], allocationsPerOperation: Int?, bytesPerOperation: Int?) {
        self.name = name
        iterations = samples.count
        median = samples.map(\.total).sorted()[samples.count / 2]
        let clientTimes = samples.compactMap(\.client)
        let serverTimes = samples.compactMap(\.server)
        meanClient = clientTimes.isEmpty ? nil : clientTimes.reduce(.zero, +) / clientTimes.count
        meanServer = serverTimes.isEmpty ? nil : serverTimes.reduce(.zero, +) / serverTimes.count
        self.allocationsPerOperation = allocationsPerOperation
        self.bytesPerOperation = bytesPerOperation
    }

    init(name: String, bytesPerConnection: (peak: Double, final: Double)) {
        self.name = name
        iterations = 1
        median = .zero
        self.bytesPerConnection = bytesPerConnection
    }

    /// Operations per second, or MiB per second when the operation moves bytes.
    var rate: Double {
        let seconds = median.seconds
        guard seconds > 0 else { return 0 }
        if let bytes = bytesPerOperation { return Double(bytes) / seconds / 1_048_576 }
        return 1 / seconds
    }

    var unit: String { bytesPerOperation == nil ? "/s" : "MiB/s" }

    /// One line for the running log.
    var line: String {
        var line = name.padding(toLength: 70, withPad: " ", startingAt: 0)
        if let memory = bytesPerConnection {
            line += String(format: " peak %8.0f B/conn  final %8.0f B/conn", memory.peak, memory.final)
            return line
        }
        line += String(format: " median %10.1f µs", median.seconds * 1e6)
        line += String(format: bytesPerOperation == nil ? "  %8.0f ops/s" : "  %8.1f MiB/s", rate)
        if let client = meanClient, let server = meanServer {
            line += String(format: "  client %7.1f µs  server %7.1f µs", client.seconds * 1e6, server.seconds * 1e6)
        }
        if let allocations = allocationsPerOperation { line += "  \(allocations) allocs" }
        line += "  (\(iterations) runs)"
        return line
    }
}
