import Foundation

/// This process's resident memory (VmRSS) and open file descriptors, from /proc.
struct Sample: CustomStringConvertible {
    var residentBytes: Int
    var openDescriptors: Int

    static func now() -> Sample {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        let kibibytes = line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0
        return Sample(residentBytes: kibibytes * 1024, openDescriptors: descriptors)
    }

    var description: String {
        String(format: "RSS %.1f MiB, %d open descriptors", Double(residentBytes) / 1_048_576, openDescriptors)
    }
}
