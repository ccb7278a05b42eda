#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes PEM files; private keys are created readable by their owner only (0600) from the
/// first byte on, never world-readable for a moment.
enum PEMFileWriter {
    /// Permissions of certificate files.
    static let certificateMode: mode_t = 0o644
    /// Permissions of private key files.
    static let privateKeyMode: mode_t = 0o600

    /// Writes `text` to `path`, replacing the file, with `mode` (also applied to an existing file).
    static func write(_ text: String, to path: String, mode: mode_t) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            throw PEMFileWriterError(message: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        guard fchmod(descriptor, mode) == 0 else {
            throw PEMFileWriterError(message: "cannot set the permissions of \(path): \(String(cString: strerror(errno)))")
        }
        var remaining = Array(text.utf8)[...]
        while !remaining.isEmpty {
            let written = remaining.withUnsafeBytes { raw in
                #if canImport(Darwin)
                Darwin.write(descriptor, raw.baseAddress, raw.count)
                #elseif canImport(Musl)
                Musl.write(descriptor, raw.baseAddress, raw.count)
                #else
                Glibc.write(descriptor, raw.baseAddress, raw.count)
                #endif
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw PEMFileWriterError(message: "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            remaining = remaining.dropFirst(written)
        }
    }

    /// Creates `path` and its missing parents; the last component gets `mode`.
    static func makeDirectory(_ path: String, mode: mode_t) throws {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, mode) != 0 && errno != EEXIST {
                throw PEMFileWriterError(message: "cannot create \(current): \(String(cString: strerror(errno)))")
            }
        }
        var information = stat()
        guard stat(path, &information) == 0, information.st_mode & S_IFMT == S_IFDIR else {
            throw PEMFileWriterError(message: "\(path) is not a directory")
        }
    }

    /// Whether something exists at `path`.
    static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }
}
