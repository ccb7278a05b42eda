#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization
import TLSKit

/// Appends NSS key log lines (the `SSLKEYLOGFILE` format that Wireshark and tshark read) to a
/// file, for debugging captures of your own connections. (It lives here, not in the sans-I/O
/// core, which writes no files: the core hands each line to `TLSProtocolSettings.keyLog`.) Anyone holding the file can decrypt
/// those connections: keep it private and delete it after use.
///
/// The file is created with permissions 0600 (an existing file is appended to and keeps its
/// permissions). Writes from many connections on many threads are serialized, each line whole.
///
/// ```swift
/// let keyLog = try KeyLogFile(path: "/tmp/keys.log")
/// configuration.keyLog = keyLog.log
/// ```
public final class KeyLogFile: Sendable {
    public let path: String
    private let descriptor: Mutex<Int32>

    /// Opens (or creates, 0600) `path` for appending; throws `TLSError` (`.configuration`) when it cannot.
    public init(path: String) throws {
        self.path = path
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw TLSError(code: .configuration, reason: "cannot open the key log file \(path): \(reason)")
        }
        descriptor = Mutex(fd)
    }

    deinit {
        descriptor.withLock { fd in
            if fd >= 0 { _ = close(fd) }
            fd = -1
        }
    }

    /// Appends `line` and a line feed. Failures to write are ignored: a key log must never
    /// break the connection it describes.
    public func append(_ line: String) {
        var bytes = Array(line.utf8)
        bytes.append(0x0A)
        descriptor.withLock { fd in
            guard fd >= 0 else { return }
            var written = 0
            while written < bytes.count {
                let result = bytes.withUnsafeBytes { buffer in
                    write(fd, buffer.baseAddress.map { $0 + written }, buffer.count - written)
                }
                if result > 0 {
                    written += result
                } else if result < 0, errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }

    /// A callback for `keyLog` (of `TLSProtocolSettings` or either configuration) that
    /// appends to this file (and keeps it open).
    public var log: @Sendable (String) -> Void {
        { line in self.append(line) }
    }
}
