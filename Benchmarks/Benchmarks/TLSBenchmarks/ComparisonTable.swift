import Foundation

/// The summary table: each row sets one TLSKit result beside a reference (swift-nio-ssl,
/// the crypto floor, or TLSKit's own full handshake) and gives the ratio of their rates.
struct ComparisonTable {
    struct Row {
        var scenario: String
        var subject: String
        var reference: String
        var referenceLabel: String
    }

    var rows: [Row] = []

    mutating func add(_ scenario: String, _ subject: String, against reference: String, label: String) {
        rows.append(Row(scenario: scenario, subject: subject, reference: reference, referenceLabel: label))
    }

    /// The table as Markdown, with the rows whose two results were both measured.
    func markdown(_ results: [String: BenchmarkResult]) -> String {
        var lines = [
            "| scenario | TLSKit | compared with | its value | ratio | allocations (TLSKit / it) |",
            "|---|---|---|---|---|---|",
        ]
        for row in rows {
            guard let subject = results[row.subject], let reference = results[row.reference] else { continue }
            let ratio: Double
            if let memory = subject.bytesPerConnection, let referenceMemory = reference.bytesPerConnection {
                // Memory: smaller is better, so the ratio is the reference over TLSKit like a rate.
                ratio = memory.final > 0 ? referenceMemory.final / memory.final : 0
            } else {
                ratio = reference.rate > 0 ? subject.rate / reference.rate : 0
            }
            let allocations = [subject.allocationsPerOperation, reference.allocationsPerOperation]
                .map { $0.map(String.init) ?? "-" }.joined(separator: " / ")
            lines.append(
                "| \(row.scenario) | \(Self.value(subject)) | \(row.referenceLabel) | \(Self.value(reference)) | "
                    + String(format: "%.2fx", ratio) + " | \(allocations) |")
        }
        return lines.joined(separator: "\n")
    }

    private static func value(_ result: BenchmarkResult) -> String {
        if let memory = result.bytesPerConnection {
            return String(format: "%.1f KiB final, %.1f KiB peak", memory.final / 1024, memory.peak / 1024)
        }
        let rate = result.rate
        let text = rate >= 100 ? grouped(Int(rate.rounded())) : String(format: "%.1f", rate)
        var value = "\(text) \(result.unit)"
        if let client = result.meanClient, let server = result.meanServer {
            value += String(format: " (client %.0f µs, server %.0f µs)", client.seconds * 1e6, server.seconds * 1e6)
        }
        return value
    }

    private static func grouped(_ value: Int) -> String {
        let digits = String(value)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += "," }
            out.append(character)
        }
        return out
    }
}
