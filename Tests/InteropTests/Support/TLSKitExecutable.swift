import Foundation

/// Finds the `tlskit` executable that `swift build` / `swift test` built: next to the test
/// bundle (same build directory), or in the package's `.build/debug`.
enum TLSKitExecutable {
    struct Missing: Error, CustomStringConvertible {
        var searched: [String]
        var description: String {
            "the tlskit executable was not found (looked at \(searched.joined(separator: ", "))); "
                + "build it with `swift build --product tlskit`"
        }
    }

    static func path(filePath: String = #filePath) throws -> String {
        var candidates: [String] = []
        // The test runner (…/debug/TLSKitPackageTests.xctest, or a file inside that bundle on macOS).
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(directory.appendingPathComponent("tlskit").path)
            directory.deleteLastPathComponent()
        }
        // <package>/Tests/InteropTests/Support/TLSKitExecutable.swift → <package>/.build/debug/tlskit
        let package = URL(fileURLWithPath: filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(package.appendingPathComponent(".build/debug/tlskit").path)
        for candidate in candidates {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
                FileManager.default.isExecutableFile(atPath: candidate)
            {
                return candidate
            }
        }
        throw Missing(searched: candidates)
    }
}
