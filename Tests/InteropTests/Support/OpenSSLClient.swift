import Foundation

/// Runs `openssl s_client -tls1_3` (OpenSSL 3) against 127.0.0.1, verifying strictly.
enum OpenSSLClient {
    /// What the client sends: one HTTP/1.1 request, after which the server closes.
    static let request = "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"

    /// `s_client -connect 127.0.0.1:PORT -servername NAME -verify_hostname NAME -CAfile ROOT
    /// -verify_return_error -ign_eof` plus `options`, `request` on stdin; `-ign_eof` keeps it
    /// reading until the server closes. `version` is `-tls1_3` unless a test asks for another.
    /// Returns once it has exited.
    static func run(
        port: UInt16,
        caFile: String,
        serverName: String = "localhost",
        version: String = "-tls1_3",
        _ options: [String] = []
    ) async throws -> PeerProcess {
        let arguments =
            [
                "s_client", version, "-connect", "127.0.0.1:\(port)", "-servername", serverName,
                "-verify_hostname", serverName, "-CAfile", caFile, "-verify_return_error", "-ign_eof",
            ] + options
        return try await PeerProcess.run(try PeerTools.openssl(), arguments, stdin: Data(request.utf8))
    }
}
