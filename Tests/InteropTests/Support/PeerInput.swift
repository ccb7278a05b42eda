import Foundation

/// Standard input for a peer that stays open until the test closes it: a FIFO the peer reads
/// (pass `path` as `PeerProcess(stdinPath:)`). Lets a test type into `openssl s_client` line
/// by line, or keep `openssl s_server` from seeing the end of its input.
///
/// The FIFO is opened read-write here first (Linux allows it, and it never blocks), so the
/// peer's open for reading returns at once: posix_spawn waits for the child to exec, and a
/// child blocked opening a FIFO without a writer would hang the test. `close()` drops the only
/// writer, and the peer reads the end of its input.
final class PeerInput {
    let path: String
    private let directory: URL
    private var handle: FileHandle?

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tlskit-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("stdin").path
        guard mkfifo(path, 0o600) == 0 else {
            throw PeerProcess.Failure(description: "mkfifo \(path) failed: \(String(cString: strerror(errno)))")
        }
        try open()
    }

    deinit {
        close()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Opens the FIFO (read-write, without blocking); call it before starting the peer.
    func open() throws {
        guard handle == nil else { return }
        let fd = Foundation.open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else {
            throw PeerProcess.Failure(description: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    func write(_ text: String) throws {
        guard let handle else { throw PeerProcess.Failure(description: "\(path) is not open") }
        try handle.write(contentsOf: Data(text.utf8))
    }

    /// Ends the peer's input.
    func close() {
        try? handle?.close()
        handle = nil
    }
}
