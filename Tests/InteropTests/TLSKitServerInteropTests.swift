import Crypto
import Foundation
import Testing
import TLSKit

/// The `tlskit server` executable against real clients: `tlskit client` with mutual TLS (both
/// binaries, certificates from `tlskit cert`), curl downloading a 10 MiB file and following
/// nothing but the 301 of the plain HTTP port, HSTS, Python and gnutls-cli, a TLS 1.2 client
/// refused, and the development CA made on first use.
@Suite struct TLSKitServerInteropTests {
    let fixture: TestPKIFixture

    init() throws {
        fixture = try TestPKIFixture(kinds: [])
    }

    /// `--cert`/`--key` for the fixture's good P-256 localhost leaf (with its intermediate).
    func certificateOptions() throws -> [String] {
        let leaf = try fixture.leaf(.good(.p256))
        return ["--cert", leaf.chainPath, "--key", leaf.keyPath]
    }

    /// A directory to serve, inside the fixture's (removed with it).
    func makeRoot(files: [String: Data]) throws -> String {
        let root = fixture.directory.appendingPathComponent("www-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (name, data) in files {
            try data.write(to: root.appendingPathComponent(name))
        }
        return root.path
    }

    @Test func tlskitClientAndServerWithMutualTLS() async throws {
        let tlskit = try TLSKitExecutable.path()
        let base = fixture.directory.appendingPathComponent("cli-pki").path
        for arguments in [
            ["cert", "ca", "--out", "\(base)/ca"],
            ["cert", "server", "--ca", "\(base)/ca", "--out", "\(base)/certs", "--dns", "localhost", "--ip", "127.0.0.1"],
            ["cert", "client", "--ca", "\(base)/ca", "--out", "\(base)/certs", "--name", "alice"],
        ] {
            let cert = try await PeerProcess.run(tlskit, arguments)
            #expect(cert.terminationStatus == 0, "\(cert.transcript)")
        }
        let server = try await TLSKitServer.start([
            "--cert", "\(base)/certs/server.pem", "--key", "\(base)/certs/server-key.pem",
            "--client-ca", "\(base)/ca/ca.pem", "--require-client-cert", "--status", "--root", base,
        ])
        defer { server.process.stop() }

        let client = try await PeerProcess.run(
            tlskit,
            [
                "client", "127.0.0.1:\(server.port)", "--timeout", "120", "--servername", "localhost", "--cafile", "\(base)/ca/ca.pem",
                "--cert", "\(base)/certs/alice.pem", "--key", "\(base)/certs/alice-key.pem", "--http", "/",
            ])
        #expect(client.terminationStatus == 0, "\(client.transcript)\n\(server.process.transcript)")
        let page = client.standardOutput
        #expect(page.hasPrefix("HTTP/1.1 200 OK\r\n"), "\(client.transcript)")
        #expect(page.contains("Strict-Transport-Security: max-age=63072000\r\n"), "\(client.transcript)")
        #expect(page.contains("tlskit server status"), "\(client.transcript)")
        #expect(page.contains("Protocol:           TLSv1.3\n"), "\(client.transcript)")
        #expect(page.contains("Client certificate: CN=alice\n"), "\(client.transcript)")
        #expect(client.standardError.contains("verified"), "\(client.transcript)")
        #expect(try await server.process.waitForOutput(containing: "client=\"CN=alice\""), "\(server.process.transcript)")

        // Without its certificate the same client is refused.
        let anonymous = try await PeerProcess.run(
            tlskit,
            ["client", "127.0.0.1:\(server.port)", "--timeout", "120", "--servername", "localhost", "--cafile", "\(base)/ca/ca.pem", "--http", "/"])
        #expect(anonymous.terminationStatus != 0, "\(anonymous.transcript)")
        #expect(!anonymous.standardOutput.contains("tlskit server status"), "\(anonymous.transcript)")
        #expect(anonymous.standardError.contains("tlskit: error:"), "\(anonymous.transcript)")
        #expect(
            try await server.process.waitForOutput(containing: "handshake failed: the client sent no certificate"),
            "\(server.process.transcript)")
    }

    /// `curl --cacert ROOT -v https://localhost:PORT/big.bin`: 10 MiB arrive intact, with HSTS.
    @Test func curlDownloadsTenMiBIntact() async throws {
        let file = SymmetricKey(size: SymmetricKeySize(bitCount: 10 * 1024 * 1024 * 8)).withUnsafeBytes { Data($0) }
        let root = try makeRoot(files: ["big.bin": file])
        let server = try await TLSKitServer.start(try certificateOptions() + ["--root", root])
        defer { server.process.stop() }

        let output = fixture.directory.appendingPathComponent("download.bin").path
        let curl = try await PeerProcess.run(
            try PeerTools.curl(),
            [
                "--tlsv1.3", "--cacert", fixture.rootPath, "-v", "-sS", "--max-time", "110", "-o", output,
                "-w", "%{http_code} %{ssl_verify_result} %{size_download}", "https://localhost:\(server.port)/big.bin",
            ],
            timeout: InteropTimeouts.peer)
        #expect(curl.terminationStatus == 0, "\(curl.transcript)\n\(server.process.transcript)")
        #expect(curl.standardOutput == "200 0 \(file.count)", "\(curl.transcript)")
        let verbose = curl.standardError
        #expect(verbose.contains("SSL connection using TLSv1.3"), "\(verbose)")
        #expect(verbose.contains("< Strict-Transport-Security: max-age=63072000"), "\(verbose)")
        #expect(verbose.contains("< Content-Length: \(file.count)"), "\(verbose)")
        let downloaded = try Data(contentsOf: URL(fileURLWithPath: output))
        #expect(downloaded.count == file.count)
        #expect(Data(SHA256.hash(data: downloaded)) == Data(SHA256.hash(data: file)))
    }

    /// `curl -v http://localhost:HTTPPORT/x` shows the 301 to https; following it reaches the
    /// file over HTTPS, with Strict-Transport-Security.
    /// gnutls-cli sends close_notify as soon as its input ends, right after the request. In
    /// TLS 1.3 that closes only the client's side (RFC 8446, Section 6.1): the server still answers.
    @Test func clientThatSendsCloseNotifyAfterItsRequestStillGetsTheResponse() async throws {
        let root = try makeRoot(files: ["page.txt": Data("half-closed but answered\n".utf8)])
        let server = try await TLSKitServer.start(try certificateOptions() + ["--root", root])
        defer { server.process.stop() }

        let client = try await PeerProcess.run(
            try PeerTools.gnutlsCLI(),
            ["--x509cafile", fixture.rootPath, "-p", "\(server.port)", "localhost"],
            stdin: Data("GET /page.txt HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8))
        #expect(client.standardOutput.contains("HTTP/1.1 200 OK"), "\(client.transcript)\n\(server.process.transcript)")
        #expect(client.standardOutput.contains("half-closed but answered"), "\(client.transcript)")
    }

    @Test func plainHTTPRedirectsToHTTPS() async throws {
        let root = try makeRoot(files: ["x": Data("the x file\n".utf8)])
        let server = try await TLSKitServer.start(try certificateOptions() + ["--root", root], withHTTPPort: true)
        defer { server.process.stop() }
        let httpPort = try #require(server.httpPort)

        let plain = try await PeerProcess.run(
            try PeerTools.curl(), ["-v", "-sS", "--max-time", "30", "http://localhost:\(httpPort)/x"])
        #expect(plain.terminationStatus == 0, "\(plain.transcript)\n\(server.process.transcript)")
        #expect(plain.standardError.contains("< HTTP/1.1 301 Moved Permanently"), "\(plain.transcript)")
        #expect(plain.standardError.contains("< Location: https://localhost:\(server.port)/x\r\n"), "\(plain.transcript)")
        // No HSTS over plain HTTP (RFC 6797, Section 7.2).
        #expect(!plain.standardError.contains("Strict-Transport-Security"), "\(plain.transcript)")

        let followed = try await PeerProcess.run(
            try PeerTools.curl(),
            ["-v", "-sS", "--max-time", "30", "-L", "--cacert", fixture.rootPath, "http://localhost:\(httpPort)/x"])
        #expect(followed.terminationStatus == 0, "\(followed.transcript)")
        #expect(followed.standardOutput == "the x file\n", "\(followed.transcript)")
        #expect(followed.standardError.contains("< Strict-Transport-Security: max-age=63072000"), "\(followed.transcript)")
    }

    /// TLS 1.2 clients connect with TLS 1.2; a TLS 1.1 client gets protocol_version.
    @Test func tls12ClientConnectsAndTLS11IsRefused() async throws {
        let server = try await TLSKitServer.start(try certificateOptions() + ["--root", try makeRoot(files: ["index.html": Data("hi\n".utf8)])])
        defer { server.process.stop() }

        let client = try await OpenSSLClient.run(port: server.port, caFile: fixture.rootPath, version: "-tls1_2")
        #expect(client.terminationStatus == 0, "\(client.transcript)\n\(server.process.transcript)")
        #expect(client.standardOutput.contains("Protocol  : TLSv1.2"), "\(client.transcript)")

        let curl = try await PeerProcess.run(
            try PeerTools.curl(),
            ["-sS", "--max-time", "30", "--tlsv1.2", "--tls-max", "1.2", "--cacert", fixture.rootPath, "https://localhost:\(server.port)/"])
        #expect(curl.terminationStatus == 0, "\(curl.transcript)")
        #expect(curl.standardOutput == "hi\n", "\(curl.transcript)")

        let old = try await OpenSSLClient.run(
            port: server.port, caFile: fixture.rootPath, version: "-tls1_1", ["-cipher", "DEFAULT@SECLEVEL=0"])
        #expect(old.terminationStatus != 0, "\(old.transcript)")
        #expect(old.standardOutput.contains("SSL alert number 70") || old.standardError.contains("SSL alert number 70"),
            "\(old.transcript)")
        #expect(
            try await server.process.waitForOutput(containing: "handshake failed: no TLS version in common"),
            "\(server.process.transcript)")
    }

    /// Python's default context fetches a file; the server's default ALPN is http/1.1.
    @Test func pythonFetchesAFile() async throws {
        let root = try makeRoot(files: ["index.html": Data("<p>hello from tlskit server</p>\n".utf8)])
        let server = try await TLSKitServer.start(try certificateOptions() + ["--root", root])
        defer { server.process.stop() }

        let (outcome, process) = try await PythonTLSClient.run(port: server.port, caFile: fixture.rootPath, alpn: ["h2", "http/1.1"])
        #expect(outcome.error == nil, "\(process.transcript)\n\(server.process.transcript)")
        #expect(outcome.version == "TLSv1.3", "\(process.transcript)")
        #expect(outcome.alpn == "http/1.1", "\(process.transcript)")
        let data = try #require(outcome.data)
        #expect(data.hasPrefix("HTTP/1.1 200 OK\r\n"), "\(data)")
        #expect(data.contains("Strict-Transport-Security: max-age=63072000\r\n"), "\(data)")
        #expect(data.contains("Content-Type: text/html"), "\(data)")
        #expect(data.hasSuffix("<p>hello from tlskit server</p>\n"), "\(data)")
    }

    /// gnutls-cli presents a client certificate to `--client-ca` (optional); the status page names it.
    @Test func gnutlsClientCertificateOnTheStatusPage() async throws {
        let server = try await TLSKitServer.start(
            try certificateOptions() + ["--client-ca", fixture.rootPath, "--status", "--alpn", "http/1.1"])
        defer { server.process.stop() }
        let clientLeaf = try fixture.leaf(.client)

        let client = try await GnuTLSClient.run(
            port: server.port, caFile: fixture.rootPath,
            ["--x509certfile", clientLeaf.chainPath, "--x509keyfile", clientLeaf.keyPath, "--alpn", "http/1.1"])
        #expect(client.terminationStatus == 0, "\(client.transcript)\n\(server.process.transcript)")
        let output = client.standardOutput
        #expect(output.contains("- Application protocol: http/1.1"), "\(client.transcript)")
        #expect(output.contains("Client certificate: CN=TLSKit Interop Client\n"), "\(client.transcript)")
        #expect(output.contains("ALPN protocol:      http/1.1\n"), "\(client.transcript)")
    }

    /// With no `--cert`, the server makes a development CA under $HOME/.tlskit/dev, says where
    /// the root is, and curl trusting that root connects; a second start reuses it.
    @Test func developmentCertificateOnFirstUse() async throws {
        let home = fixture.directory.appendingPathComponent("home").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let rootFile = "\(home)/.tlskit/dev/root.pem"
        for run in 0..<2 {
            let server = try await TLSKitServer.start(
                ["--root", try makeRoot(files: ["a.txt": Data("A\n".utf8)])], environment: ["HOME": home])
            defer { server.process.stop() }
            // The banner is complete once it says how to stop the server.
            #expect(try await server.process.waitForOutput(containing: "Press Ctrl-C to stop."), "\(server.process.transcript)")
            let banner = server.process.standardError
            #expect(banner.contains("root CA:      \(rootFile)"), "\(banner)")
            #expect(banner.contains("curl --cacert \(rootFile) https://localhost:\(server.port)/"), "\(banner)")
            #expect(banner.contains("Created a local development CA.") == (run == 0), "\(banner)")

            let curl = try await PeerProcess.run(
                try PeerTools.curl(), ["-sS", "--max-time", "30", "--cacert", rootFile, "https://localhost:\(server.port)/a.txt"])
            #expect(curl.terminationStatus == 0, "\(curl.transcript)\n\(server.process.transcript)")
            #expect(curl.standardOutput == "A\n", "\(curl.transcript)")
        }
    }
}
