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
/// the process this object started is ever signalled. If the test process dies first,
/// `OrphanReaper`'s watchdog kills the peers it left.
///
/// The process is started with `posix_spawn`, with an empty signal mask and default signal
/// handlers: a test runs on a thread of the concurrency pool, which blocks most signals, and a
/// child started from it (as Foundation's `Process` does) would inherit that mask, ignore
/// SIGTERM and only die by SIGKILL two seconds later.
final class PeerProcess {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let executable: String
    let arguments: [String]
    let processIdentifier: pid_t
    private let directory: URL
    private let stdoutURL: URL
    private let stderrURL: URL
    private let lock = NSLock()
    /// The raw wait status once the process has been reaped.
    private var waitStatus: Int32?
    /// The write end of the peer's stdin pipe while it is open (`keepStandardInputOpen`).
    private var standardInputWriter: Int32?

    /// Starts `executable` with `arguments`. With `stdin` nil the peer reads from /dev/null
    /// (end of input at once); otherwise it reads `stdin`, then end of input.
    /// `stdinPath` (a FIFO, say) replaces `stdin` when given.
    /// `currentDirectory` is the peer's working directory (`openssl s_server -WWW` serves files
    /// relative to it); nil keeps the test's.
    ///
    /// With `keepStandardInputOpen` the peer reads a pipe instead: `stdin` is written to it at
    /// once, and end of input comes only with `closeStandardInput()` or `stop()`. For peers
    /// such as `gnutls-cli` that end their side of the connection at end of input, before the
    /// server has answered.
    init(
        _ executable: String,
        _ arguments: [String],
        stdin: Data? = nil,
        keepStandardInputOpen: Bool = false,
        stdinPath: String? = nil,
        environment: [String: String]? = nil,
        currentDirectory: String? = nil
    ) throws {
        self.executable = executable
        self.arguments = arguments
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tlskit-peer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        stdoutURL = directory.appendingPathComponent("stdout")
        stderrURL = directory.appendingPathComponent("stderr")
        var stdinPath = stdinPath ?? "/dev/null"
        var pipeEnds: [Int32] = [-1, -1]
        if keepStandardInputOpen {
            guard pipe(&pipeEnds) == 0 else {
                throw Failure(description: "pipe() failed: \(String(cString: strerror(errno)))")
            }
            // Neither end may leak into peers that other tests start concurrently.
            _ = fcntl(pipeEnds[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(pipeEnds[1], F_SETFD, FD_CLOEXEC)
        } else if let stdin {
            let url = directory.appendingPathComponent("stdin")
            try stdin.write(to: url)
            stdinPath = url.path
        }
        _ = OrphanReaper.watchdogStarted
        var environment = ProcessInfo.processInfo.environment.merging(environment ?? [:]) { $1 }
        environment[OrphanReaper.mark.name] = OrphanReaper.mark.value
        do {
            processIdentifier = try Self.spawn(
                executable: executable,
                arguments: [executable] + arguments,
                environment: environment.map { "\($0.key)=\($0.value)" },
                stdinPath: stdinPath,
                stdinDescriptor: keepStandardInputOpen ? pipeEnds[0] : nil,
                stdoutPath: stdoutURL.path,
                stderrPath: stderrURL.path,
                currentDirectory: currentDirectory
            )
        } catch {
            if keepStandardInputOpen {
                close(pipeEnds[0])
                close(pipeEnds[1])
            }
            throw error
        }
        if keepStandardInputOpen {
            close(pipeEnds[0])
            standardInputWriter = pipeEnds[1]
            if let stdin {
                try writeStandardInput(stdin)
            }
        }
    }

    /// Writes `data` to the peer's stdin pipe (only with `keepStandardInputOpen`).
    func writeStandardInput(_ data: Data) throws {
        lock.lock()
        defer { lock.unlock() }
        guard let writer = standardInputWriter else {
            throw Failure(description: "the standard input of \(executable) is not an open pipe")
        }
        var offset = 0
        let bytes = [UInt8](data)
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(writer, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure(description: "writing to the standard input of \(executable) failed: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }

    /// Ends the peer's input (closes the pipe); does nothing if it is not open.
    func closeStandardInput() {
        lock.lock()
        defer { lock.unlock() }
        if let writer = standardInputWriter {
            close(writer)
            standardInputWriter = nil
        }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    var isRunning: Bool { reap(blocking: false) == nil }

    /// The exit status, or the number of the signal that ended the process; only meaningful
    /// once the process has exited.
    var terminationStatus: Int32 {
        guard let status = reap(blocking: false) else { return -1 }
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : signal
    }

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

    /// The wait status if the process has exited (reaping it once), nil while it runs.
    @discardableResult
    private func reap(blocking: Bool) -> Int32? {
        lock.lock()
        defer { lock.unlock() }
        if let waitStatus {
            return waitStatus
        }
        var status: Int32 = 0
        while true {
            let result = waitpid(processIdentifier, &status, blocking ? 0 : WNOHANG)
            if result == processIdentifier {
                waitStatus = status
                return status
            }
            if result == -1 && errno == EINTR {
                continue
            }
            // 0: still running; -1 (ECHILD): cannot happen for our own unreaped child.
            return nil
        }
    }

    private static func spawn(
        executable: String,
        arguments: [String],
        environment: [String],
        stdinPath: String,
        stdinDescriptor: Int32?,
        stdoutPath: String,
        stderrPath: String,
        currentDirectory: String?
    ) throws -> pid_t {
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
        // Signals the test process ignores (SIGPIPE) go back to their default in the peer.
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        for signal in [SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGQUIT] {
            sigaddset(&defaultSignals, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        if let stdinDescriptor {
            // dup2 clears close-on-exec on the copy, so the peer keeps its stdin.
            posix_spawn_file_actions_adddup2(&actions, stdinDescriptor, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, stdinPath, O_RDONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // No portable posix_spawn action changes directory: a shell does, then execs the peer
        // (same process, so the pid is the peer's).
        var executable = executable
        var arguments = arguments
        if let currentDirectory {
            arguments = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", currentDirectory, executable] + arguments.dropFirst()
            executable = "/bin/sh"
        }

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

    /// Waits until the peer accepts TCP connections on 127.0.0.1:`port`; throws if it exits first
    /// or `timeout` passes.
    func waitUntilListening(port: UInt16, timeout: Duration = InteropTimeouts.peer) async throws {
        let deadline = ContinuousClock.now + timeout
        while true {
            // Checked once more after the deadline: a busy test process may wake up late.
            let late = ContinuousClock.now >= deadline
            guard isRunning else {
                throw Failure(description: "peer exited (status \(terminationStatus)) before listening on \(port)\n\(transcript)")
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

    /// Waits until stdout or stderr contains `text`; returns false if it does not within
    /// `timeout` (a peer logs what it saw a moment after the client's side has ended).
    func waitForOutput(containing text: String, timeout: Duration = InteropTimeouts.peer) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while true {
            let late = ContinuousClock.now >= deadline
            if standardOutput.contains(text) || standardError.contains(text) {
                return true
            }
            if late {
                return false
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Waits for the process to exit by itself; stops it and throws after `timeout`.
    @discardableResult
    func waitForExit(timeout: Duration = InteropTimeouts.peer) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while isRunning {
            if ContinuousClock.now >= deadline {
                stop()
                throw Failure(description: "peer did not exit within \(timeout)\n\(transcript)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return terminationStatus
    }

    /// Terminates the process (SIGTERM, then SIGKILL after two seconds) and waits for it.
    func stop() {
        closeStandardInput()
        guard isRunning else { return }
        kill(processIdentifier, SIGTERM)
        var waited = 0
        while isRunning && waited < 200 {
            usleep(10_000)
            waited += 1
        }
        if isRunning {
            kill(processIdentifier, SIGKILL)
        }
        reap(blocking: true)
    }

    /// Runs a command to completion and returns it (exited) for its status and output.
    static func run(
        _ executable: String,
        _ arguments: [String],
        stdin: Data? = nil,
        keepStandardInputOpen: Bool = false,
        timeout: Duration = InteropTimeouts.peer
    ) async throws -> PeerProcess {
        let peer = try PeerProcess(executable, arguments, stdin: stdin, keepStandardInputOpen: keepStandardInputOpen)
        try await peer.waitForExit(timeout: timeout)
        return peer
    }
}
