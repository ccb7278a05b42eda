import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A peer program (openssl, gnutls-serv, ...) started by a test.
///
/// stdout and stderr go to files in a private temporary directory, so a chatty peer can never
/// block on a full pipe. `stop()` sends SIGTERM, then SIGKILL if the process has not exited
/// within two seconds, and waits for it; `deinit` calls it, so no peer outlives its test. Only
/// the process this object started is ever signalled.
final class PeerProcess {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let executable: String
    let arguments: [String]
    private let process = Process()
    private let directory: URL
    private let stdoutURL: URL
    private let stderrURL: URL
    private var stdinPipe: Pipe?

    /// Starts `executable` with `arguments`. With `stdin` nil the peer reads from /dev/null
    /// (end of input at once); otherwise `stdin` is written to it and the pipe closed.
    init(_ executable: String, _ arguments: [String], stdin: Data? = nil, environment: [String: String]? = nil) throws {
        self.executable = executable
        self.arguments = arguments
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tlskit-peer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        stdoutURL = directory.appendingPathComponent("stdout")
        stderrURL = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)

        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        if let stdin {
            let pipe = Pipe()
            process.standardInput = pipe
            stdinPipe = pipe
            try process.run()
            try pipe.fileHandleForWriting.write(contentsOf: stdin)
            try pipe.fileHandleForWriting.close()
        } else {
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    var isRunning: Bool { process.isRunning }
    var processIdentifier: Int32 { process.processIdentifier }

    /// The exit status (or terminating signal); only meaningful once the process has exited.
    var terminationStatus: Int32 { process.terminationStatus }

    /// What the peer wrote to stdout so far.
    var standardOutput: String {
        (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? ""
    }

    /// What the peer wrote to stderr so far.
    var standardError: String {
        (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
    }

    /// Both outputs, for failure messages.
    var transcript: String {
        "$ \(([executable] + arguments).joined(separator: " "))\n--- stdout\n\(standardOutput)--- stderr\n\(standardError)"
    }

    /// Waits until the peer accepts TCP connections on 127.0.0.1:`port`; throws if it exits first
    /// or `timeout` passes.
    func waitUntilListening(port: UInt16, timeout: Duration = .seconds(30)) async throws {
        let deadline = ContinuousClock.now + timeout
        while true {
            // Checked once more after the deadline: a busy test process may wake up late.
            let late = ContinuousClock.now >= deadline
            guard process.isRunning else {
                throw Failure(description: "peer exited (status \(process.terminationStatus)) before listening on \(port)\n\(transcript)")
            }
            if FreePort.isListening(port) {
                return
            }
            if late {
                throw Failure(description: "peer did not listen on 127.0.0.1:\(port) within \(timeout)\n\(transcript)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Waits for the process to exit by itself; stops it and throws after `timeout`.
    @discardableResult
    func waitForExit(timeout: Duration = .seconds(30)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now >= deadline {
                stop()
                throw Failure(description: "peer did not exit within \(timeout)\n\(transcript)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Terminates the process (SIGTERM, then SIGKILL after two seconds) and waits for it.
    func stop() {
        guard process.isRunning else { return }
        let pid = process.processIdentifier
        process.terminate()
        var waited = 0
        while process.isRunning && waited < 200 {
            usleep(10_000)
            waited += 1
        }
        if process.isRunning {
            kill(pid, SIGKILL)
        }
        process.waitUntilExit()
    }

    /// Runs a command to completion and returns it (exited) for its status and output.
    static func run(
        _ executable: String,
        _ arguments: [String],
        stdin: Data? = nil,
        timeout: Duration = .seconds(30)
    ) async throws -> PeerProcess {
        let peer = try PeerProcess(executable, arguments, stdin: stdin)
        try await peer.waitForExit(timeout: timeout)
        return peer
    }
}
