import Foundation
import TLSKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The real `tlskit server` executable, started by a test on free ports of 127.0.0.1 with a
/// certificate made for the test, and stopped (SIGTERM, then SIGKILL) by `stop()` or `deinit`.
///
/// Started with `posix_spawn` and an empty signal mask, so SIGTERM reaches it even though the
/// test runs on a thread that blocks signals (see Tests/InteropTests/Support/PeerProcess.swift,
/// whose approach this follows in small).
final class TLSKitServerProcess: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let port: Int
    let httpPort: Int?
    let processIdentifier: pid_t
    let directory: TemporaryDirectory
    private let lock = NSLock()
    private var exited = false

    /// Starts `tlskit server --port PORT [--http-port PORT] --cert --key` plus `arguments`
    /// (`--root DIR`, `--hsts-max-age N`, ...), and waits until every port accepts connections.
    init(arguments: [String], withHTTPPort: Bool) async throws {
        self.directory = try TemporaryDirectory()
        let pki = try DevelopmentPKI.generate()
        let leaf = try pki.issueLeaf(dnsNames: ["localhost"], ipAddresses: ["127.0.0.1"])
        try self.directory.write("server.pem", try pki.chainPEM(for: leaf))
        try self.directory.write("server-key.pem", leaf.privateKeyPEM)
        self.port = try LocalPort.free()
        self.httpPort = withHTTPPort ? try LocalPort.free() : nil
        var all = ["server", "--port", "\(self.port)", "--cert", self.directory.file("server.pem"), "--key", self.directory.file("server-key.pem")]
        if let httpPort = self.httpPort { all += ["--http-port", "\(httpPort)"] }
        all += arguments
        let executable = try Self.executablePath()
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = self.directory.path  // never touch the real ~/.tlskit
        self.processIdentifier = try Self.spawn(
            executable, [executable] + all, environment: environment.map { "\($0.key)=\($0.value)" },
            output: self.directory.file("server.log"))
        do {
            try await self.waitUntilListening(self.port)
            if let httpPort = self.httpPort { try await self.waitUntilListening(httpPort) }
        } catch {
            self.stop()
            throw error
        }
    }

    deinit {
        self.stop()
        self.directory.remove()
    }

    /// What the server wrote to standard output and standard error.
    var log: String {
        (try? String(contentsOfFile: self.directory.file("server.log"), encoding: .utf8)) ?? ""
    }

    /// SIGTERM, then SIGKILL after two seconds; waits for the process.
    func stop() {
        self.lock.lock()
        defer { self.lock.unlock() }
        guard !self.exited else { return }
        kill(self.processIdentifier, SIGTERM)
        var status: Int32 = 0
        for _ in 0..<200 {
            if waitpid(self.processIdentifier, &status, WNOHANG) == self.processIdentifier {
                self.exited = true
                return
            }
            usleep(10_000)
        }
        kill(self.processIdentifier, SIGKILL)
        _ = waitpid(self.processIdentifier, &status, 0)
        self.exited = true
    }

    private func isRunning() -> Bool {
        self.lock.lock()
        defer { self.lock.unlock() }
        guard !self.exited else { return false }
        var status: Int32 = 0
        if waitpid(self.processIdentifier, &status, WNOHANG) == self.processIdentifier {
            self.exited = true
            return false
        }
        return true
    }

    private func waitUntilListening(_ port: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            guard self.isRunning() else {
                throw Failure(description: "tlskit server exited before listening on \(port):\n\(self.log)")
            }
            if LocalPort.isListening(port) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw Failure(description: "tlskit server did not listen on 127.0.0.1:\(port) within 60 s:\n\(self.log)")
    }

    /// `.build/debug/tlskit` (next to the test bundle, or under the package).
    static func executablePath(filePath: String = #filePath) throws -> String {
        var candidates: [String] = []
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(directory.appendingPathComponent("tlskit").path)
            directory.deleteLastPathComponent()
        }
        let package = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(package.appendingPathComponent(".build/debug/tlskit").path)
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
        }
        throw Failure(description: "the tlskit executable was not found (looked at \(candidates.joined(separator: ", "))); build it with `swift build --product tlskit`")
    }

    private static func spawn(_ executable: String, _ arguments: [String], environment: [String], output: String) throws -> pid_t {
        #if canImport(Darwin)
        var attributes: posix_spawnattr_t?
        var actions: posix_spawn_file_actions_t?
        #else
        var attributes = posix_spawnattr_t()
        var actions = posix_spawn_file_actions_t()
        #endif
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        for signal in [SIGPIPE, SIGTERM, SIGINT] { sigaddset(&defaultSignals, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw Failure(description: "posix_spawn \(executable) failed: \(String(cString: strerror(result)))")
        }
        return pid
    }
}
