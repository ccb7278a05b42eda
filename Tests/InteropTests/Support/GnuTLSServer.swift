/// Starts `gnutls-serv` on a free port of 127.0.0.1 with a fixture leaf.
enum GnuTLSServer {
    /// TLS 1.3 only, every other default of GnuTLS's NORMAL kept; append `:-CIPHER-ALL:+AES-128-GCM`
    /// and the like to narrow it.
    static let tls13Only = "NORMAL:-VERS-ALL:+VERS-TLS1.3"
    /// TLS 1.2 only, likewise.
    static let tls12Only = "NORMAL:-VERS-ALL:+VERS-TLS1.2"

    /// Starts `gnutls-serv` serving `leaf`'s chain with `priority` in `mode` (`--echo` or `--http`)
    /// and `extraArguments` (`--noticket`, ...), and waits until it listens. The caller stops it (`defer { server.stop() }`).
    static func start(
        serving leaf: FixtureLeaf,
        priority: String = tls13Only,
        mode: String = "--echo",
        extraArguments: [String] = []
    ) async throws -> (server: PeerProcess, port: UInt16) {
        let port = try FreePort.allocate()
        let arguments = [
            mode, "--port", "\(port)", "--x509certfile", leaf.chainPath, "--x509keyfile", leaf.keyPath,
            "--priority", priority,
        ] + extraArguments
        let server = try PeerProcess(try PeerTools.gnutlsServ(), arguments)
        do {
            try await server.waitUntilListening(port: port)
        } catch {
            server.stop()
            throw error
        }
        return (server, port)
    }
}
