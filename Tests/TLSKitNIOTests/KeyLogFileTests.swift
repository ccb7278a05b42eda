import Foundation
import Testing
import TLSKit
import TLSKitNIO

/// `KeyLogFile`: whole lines from many tasks, private permissions, clear errors.
@Suite struct KeyLogFileTests {
    @Test func keyLogFileAppendsWholeLinesWithPrivatePermissions() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tlskit-keylog-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let file = try KeyLogFile(path: path)
            let log = file.log
            await withTaskGroup(of: Void.self) { group in
                for task in 0..<8 {
                    group.addTask {
                        for line in 0..<200 {
                            log("LINE \(task) \(line) " + String(repeating: "ab", count: 48))
                        }
                    }
                }
            }
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let permissions = try #require(attributes[.posixPermissions] as? NSNumber).intValue
        #expect(permissions & 0o077 == 0, "permissions \(String(permissions, radix: 8))")
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "")
        let written = lines.dropLast()
        #expect(written.count == 8 * 200)
        #expect(Set(written).count == 8 * 200)
        #expect(written.allSatisfy { $0.split(separator: " ").count == 4 && $0.hasSuffix(String(repeating: "ab", count: 48)) })

        // A second file object appends.
        try KeyLogFile(path: path).append("MORE")
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasSuffix("\nMORE\n"))
    }

    @Test func keyLogFileReportsAPathItCannotOpen() {
        let error = #expect(throws: TLSError.self) {
            try KeyLogFile(path: "/nonexistent-directory-\(UUID().uuidString)/keys.log")
        }
        #expect(error?.code == .configuration)
    }
}
