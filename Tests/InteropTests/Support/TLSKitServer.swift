import Foundation

/// Starts the `tlskit server` executable on free ports of 127.0.0.1 and waits until it listens.
enum TLSKitServer {
    struct Started {
        var process: PeerProcess
        var port: UInt16
        /// The plain HTTP (redirect) port, if one was asked for.
        var httpPort: UInt16?
    }

    /// `tlskit server --port PORT [--http-port HTTPPORT]` plus `arguments` (`--cert`, `--key`,
    /// `--root`, ...). Waits until the HTTPS port, and the HTTP port if any, accept connections.
    /// The caller stops it (`defer { server.process.stop() }`).
    static func start(
        _ arguments: [String],
        withHTTPPort: Bool = false,
        environment: [String: String]? = nil
    ) async throws -> Started {
        let port = try FreePort.allocate()
        let httpPort = withHTTPPort ? try FreePort.allocate() : nil
        var all = ["server", "--port", "\(port)"]
        if let httpPort {
            all += ["--http-port", "\(httpPort)"]
        }
        let process = try PeerProcess(try TLSKitExecutable.path(), all + arguments, environment: environment)
        do {
            try await process.waitUntilListening(port: port)
            if let httpPort {
                try await process.waitUntilListening(port: httpPort)
            }
        } catch {
            process.stop()
            throw error
        }
        return Started(process: process, port: port, httpPort: httpPort)
    }
}
