/// Starts `openssl s_server` (TLS 1.3 only) on a free port of 127.0.0.1 with a fixture leaf.
enum OpenSSLServer {
    /// Starts `openssl s_server -tls1_3` serving `leaf` (and its intermediate, unless the leaf is
    /// `.missingIntermediate`) with the extra `options` (`-www`, `-ciphersuites ...`, `-groups ...`),
    /// and waits until it listens. The caller stops it (`defer { server.stop() }`).
    static func start(
        serving leaf: FixtureLeaf,
        _ options: [String],
        currentDirectory: String? = nil
    ) async throws -> (server: PeerProcess, port: UInt16) {
        let port = try FreePort.allocate()
        var arguments = ["s_server", "-tls1_3", "-accept", "\(port)", "-cert", leaf.certificatePath, "-key", leaf.keyPath]
        if let intermediatePath = leaf.intermediatePath {
            arguments += ["-cert_chain", intermediatePath]
        }
        arguments += options
        let server = try PeerProcess(try PeerTools.openssl(), arguments, currentDirectory: currentDirectory)
        do {
            try await server.waitUntilListening(port: port)
        } catch {
            server.stop()
            throw error
        }
        return (server, port)
    }
}
