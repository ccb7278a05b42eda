import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Stops the peers of this test process if it dies before it can stop them itself (a crash,
/// SIGKILL): each peer's environment carries `mark`, and a watchdog shell, started with the
/// first peer, waits for this process to end and then kills every process that carries the
/// mark. In a normal run the peers are stopped by their tests, and the watchdog finds none
/// and exits within a second of the test process.
enum OrphanReaper {
    /// `NAME=pid` of this test process, added to every peer's environment.
    static let mark = (name: "TLSKIT_INTEROP_PEER_OF", value: String(getpid()))

    private static let script = """
        while kill -0 "$1" 2>/dev/null; do sleep 1; done
        for environ in /proc/[0-9]*/environ; do
            if tr '\\0' '\\n' < "$environ" 2>/dev/null | grep -qx "$2"; then
                pid=${environ#/proc/}
                kill -KILL "${pid%/environ}" 2>/dev/null
            fi
        done
        """

    /// Starts the watchdog once; later calls do nothing. Without /proc (not Linux) there is
    /// nothing to scan and no watchdog is started.
    static let watchdogStarted: Bool = {
        guard FileManager.default.fileExists(atPath: "/proc/self/environ") else { return false }
        let watchdog = Process()
        watchdog.executableURL = URL(fileURLWithPath: "/bin/sh")
        watchdog.arguments = ["-c", script, "sh", mark.value, "\(mark.name)=\(mark.value)"]
        watchdog.standardInput = FileHandle.nullDevice
        watchdog.standardOutput = FileHandle.nullDevice
        watchdog.standardError = FileHandle.nullDevice
        do {
            try watchdog.run()
            return true
        } catch {
            return false
        }
    }()
}
