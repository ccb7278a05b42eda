import Foundation

/// The process's resident memory, from /proc/self/status (Linux).
enum MemoryProbe {
    /// Current (VmRSS) and peak (VmHWM) resident bytes.
    static func resident() throws -> (current: Int, peak: Int) {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        func kilobytes(_ field: String) throws -> Int {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
                let value = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap({ Int($0) })
            else { throw BenchmarkFailure("/proc/self/status has no \(field) line") }
            return value * 1024
        }
        return (try kilobytes("VmRSS"), try kilobytes("VmHWM"))
    }

    /// Resets the peak to the current resident size (writing 5 to /proc/self/clear_refs).
    static func resetPeak() throws {
        try "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }
}
