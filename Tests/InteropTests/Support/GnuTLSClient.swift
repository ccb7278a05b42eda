import Foundation

/// Runs `gnutls-cli` (GnuTLS 3.7) against 127.0.0.1 with SNI and host name `localhost`.
enum GnuTLSClient {
    /// TLS 1.3 only, every other default of NORMAL kept; append `:-CIPHER-ALL:+AES-128-GCM` to narrow it.
    static let tls13Only = "NORMAL:-VERS-ALL:+VERS-TLS1.3"

    /// `gnutls-cli --x509cafile ROOT --priority PRIORITY --sni-hostname localhost
    /// --verify-hostname localhost -p PORT` plus `options`, sending `OpenSSLClient.request`.
    /// Its stdin stays open: gnutls-cli closes its side at end of input, which would end the
    /// connection before the server answers. It exits when the server closes. Returns once it
    /// has exited.
    static func run(
        port: UInt16,
        caFile: String,
        priority: String = tls13Only,
        _ options: [String] = []
    ) async throws -> PeerProcess {
        let arguments =
            [
                "--x509cafile", caFile, "--priority", priority, "--sni-hostname", "localhost",
                "--verify-hostname", "localhost", "-p", "\(port)",
            ] + options + ["127.0.0.1"]
        let client = try await PeerProcess.run(
            try PeerTools.gnutlsCLI(), arguments, stdin: Data(OpenSSLClient.request.utf8), keepStandardInputOpen: true)
        client.closeStandardInput()
        return client
    }
}
