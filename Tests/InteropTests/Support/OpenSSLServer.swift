/// Starts `openssl s_server` (TLS 1.3 only unless asked otherwise) on a free port of 127.0.0.1
/// with a fixture leaf.
enum OpenSSLServer {
    /// Starts `openssl s_server -tls1_3` (or `version`: `-tls1_2`, or nil for every version it
    /// speaks) serving `leaf` (and its intermediate, unless the leaf is `.missingIntermediate`)
    /// with the extra `options` (`-www`, `-ciphersuites ...`, `-groups ...`), and waits until it
    /// listens. With `keepStandardInputOpen` its stdin stays a pipe (s_server's `r` command).
    /// The caller stops it (`defer { server.stop() }`).
    static func start(
        serving leaf: FixtureLeaf,
        _ options: [String],
        version: String? = "-tls1_3",
        keepStandardInputOpen: Bool = false,
        currentDirectory: String? = nil
    ) async throws -> (server: PeerProcess, port: UInt16) {
        let port = try FreePort.allocate()
        var arguments = ["s_server"] + (version.map { [$0] } ?? []) + ["-accept", "\(port)", "-cert", leaf.certificatePath, "-key", leaf.keyPath]
        if let intermediatePath = leaf.intermediatePath {
            arguments += ["-cert_chain", intermediatePath]
        }
        arguments += options
        let server = try PeerProcess(
            try PeerTools.openssl(), arguments, keepStandardInputOpen: keepStandardInputOpen, currentDirectory: currentDirectory)
        do {
            try await server.waitUntilListening(port: port)
        } catch {
            server.stop()
            throw error
        }
        return (server, port)
    }
}
