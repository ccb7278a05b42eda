import Foundation

/// The installed `openssl` command, run in a temporary directory of its own: an independent
/// implementation for the signature known-answer checks.
struct OpenSSLCommand {
    static let path: String? = ["/usr/bin/openssl", "/usr/local/bin/openssl", "/opt/homebrew/bin/openssl"]
        .first(where: FileManager.default.isExecutableFile(atPath:))

    static var isAvailable: Bool { path != nil }

    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tlskit-openssl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Deletes the directory and what the commands wrote there.
    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func write(_ bytes: [UInt8], to name: String) throws {
        try Data(bytes).write(to: directory.appendingPathComponent(name))
    }

    func read(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    func readText(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    /// Runs `openssl arguments...` in the directory; returns its exit status and its output
    /// (stdout and stderr together).
    @discardableResult
    func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        guard let executable = Self.path else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// Runs `openssl arguments...` and throws, with its output, unless it exits with 0.
    @discardableResult
    func succeed(_ arguments: [String]) throws -> String {
        let (status, output) = try run(arguments)
        guard status == 0 else {
            throw OpenSSLCommandFailure(arguments: arguments, status: status, output: output)
        }
        return output
    }
}
