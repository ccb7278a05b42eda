import Foundation
import NIOCore
import NIOPosix
import Testing

/// What a user of the `tlskit` executable sees when something is wrong, and the file server's
/// rule for hidden files: one line `tlskit: error: ...` that names the file or port and what to
/// do, exit status 1 (usage errors: ArgumentParser's 64), no internals.
@Suite struct TLSKitCommandLineTests {
    let fixture: TestPKIFixture

    init() throws {
        fixture = try TestPKIFixture(kinds: [])
    }

    func tlskit(_ arguments: [String]) async throws -> PeerProcess {
        try await PeerProcess.run(try TLSKitExecutable.path(), arguments, timeout: InteropTimeouts.peer)
    }

    /// The one error line of a failed command; records an issue unless it is exactly one line
    /// in the house style, free of Swift type names and errno numbers.
    func errorLine(_ process: PeerProcess, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let lines = process.standardError.split(separator: "\n").map(String.init).filter { $0.hasPrefix("tlskit: error: ") }
        #expect(lines.count == 1, "\(process.transcript)", sourceLocation: sourceLocation)
        let line = lines.first ?? ""
        for leak in ["ASN1", "errno", "Certificate(", "bind(descriptor", ".swift:"] {
            #expect(!line.contains(leak), "\(line)", sourceLocation: sourceLocation)
        }
        return line
    }

    @Test func versionIsPrinted() async throws {
        let process = try await tlskit(["--version"])
        #expect(process.terminationStatus == 0, "\(process.transcript)")
        let version = process.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(version.split(separator: ".").count == 3 && version.allSatisfy { $0.isNumber || $0 == "." }, "\(version)")
    }

    @Test func certificateFileThatIsNotPEMNamesTheFile() async throws {
        let file = fixture.directory.appendingPathComponent("not-a-certificate.txt").path
        try Data("hello, not a certificate\n".utf8).write(to: URL(fileURLWithPath: file))
        let process = try await tlskit(["server", "--port", "\(try FreePort.allocate())", "--cert", file, "--key", file])
        #expect(process.terminationStatus == 1, "\(process.transcript)")
        let line = errorLine(process)
        #expect(line.hasPrefix("tlskit: error: \(file): neither a PEM certificate"), "\(line)")
        #expect(line.contains("give a PEM file with the certificate chain"), "\(line)")
    }

    @Test func keyFileThatHoldsACertificateSaysSo() async throws {
        let leaf = try fixture.leaf(.good(.p256))
        let process = try await tlskit([
            "server", "--port", "\(try FreePort.allocate())", "--cert", leaf.chainPath, "--key", leaf.chainPath,
        ])
        #expect(process.terminationStatus == 1, "\(process.transcript)")
        #expect(errorLine(process).contains("\(leaf.chainPath): no '-----BEGIN PRIVATE KEY-----' block"), "\(process.transcript)")
    }

    @Test func portInUseNamesThePortAndTheOption() async throws {
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        defer { listener.close(promise: nil) }
        let port = try #require(listener.localAddress?.port)
        let leaf = try fixture.leaf(.good(.p256))
        let process = try await tlskit(["server", "--port", "\(port)", "--cert", leaf.chainPath, "--key", leaf.keyPath])
        #expect(process.terminationStatus == 1, "\(process.transcript)")
        #expect(
            errorLine(process)
                == "tlskit: error: port \(port) on 127.0.0.1 is already in use; stop the program using it or choose another port with --port")
    }

    @Test func usageErrorsKeepArgumentParsersStatus() async throws {
        let process = try await tlskit(["client"])
        #expect(process.terminationStatus == 64, "\(process.transcript)")
        #expect(process.standardError.contains("Missing expected argument"), "\(process.transcript)")
    }

    @Test func existingCAIsAnErrorNotAUsageError() async throws {
        let directory = fixture.directory.appendingPathComponent("ca-twice").path
        let first = try await tlskit(["cert", "ca", "--out", directory])
        #expect(first.terminationStatus == 0, "\(first.transcript)")
        let second = try await tlskit(["cert", "ca", "--out", directory])
        #expect(second.terminationStatus == 1, "\(second.transcript)")
        #expect(errorLine(second) == "tlskit: error: \(directory) already holds a CA; use --force to replace it")
    }

    /// A self-signed CA:FALSE certificate, made by openssl, trusted with `--cafile`: curl accepts
    /// such a root, and so does `tlskit client`.
    @Test func selfSignedEndEntityGivenAsCAFileIsAccepted() async throws {
        let base = fixture.directory.appendingPathComponent("self-signed").path
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        let openssl = try await PeerProcess.run(
            try PeerTools.openssl(),
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "\(base)/key.pem", "-out", "\(base)/cert.pem", "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost", "-addext", "basicConstraints=critical,CA:FALSE",
            ])
        #expect(openssl.terminationStatus == 0, "\(openssl.transcript)")
        let server = try await TLSKitServer.start(["--cert", "\(base)/cert.pem", "--key", "\(base)/key.pem", "--root", base])
        defer { server.process.stop() }

        let client = try await tlskit([
            "client", "localhost:\(server.port)", "--timeout", "120", "--cafile", "\(base)/cert.pem", "--http", "/",
        ])
        #expect(client.terminationStatus == 0, "\(client.transcript)\n\(server.process.transcript)")
        #expect(client.standardError.contains("Verification:      verified"), "\(client.transcript)")
        #expect(client.standardOutput.hasPrefix("HTTP/1.1 200 OK"), "\(client.transcript)")

        let curl = try await PeerProcess.run(
            try PeerTools.curl(), ["-sS", "--max-time", "110", "--cacert", "\(base)/cert.pem", "https://localhost:\(server.port)/cert.pem"])
        #expect(curl.terminationStatus == 0, "\(curl.transcript)")
    }

    /// `--alpn h2` is refused (the server speaks HTTP/1.1 only), so curl offering h2 and
    /// HTTP/1.1 gets HTTP/1.1; `--hsts-include-subdomains --hsts-preload` reach the header.
    @Test func serverNegotiatesOnlyWhatItSpeaksAndSendsHSTSDirectives() async throws {
        let leaf = try fixture.leaf(.good(.p256))
        let refused = try await tlskit([
            "server", "--port", "\(try FreePort.allocate())", "--cert", leaf.chainPath, "--key", leaf.keyPath, "--alpn", "h2,http/1.1",
        ])
        #expect(refused.terminationStatus == 64, "\(refused.transcript)")
        #expect(refused.standardError.contains("this server speaks only http/1.1 and http/1.0"), "\(refused.transcript)")

        let root = fixture.directory.appendingPathComponent("alpn-www")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try Data("ok\n".utf8).write(to: root.appendingPathComponent("index.html"))
        let server = try await TLSKitServer.start([
            "--cert", leaf.chainPath, "--key", leaf.keyPath, "--root", root.path, "--hsts-include-subdomains", "--hsts-preload",
        ])
        defer { server.process.stop() }
        let curl = try await PeerProcess.run(
            try PeerTools.curl(),
            [
                "-sS", "-v", "--http2", "--max-time", "110", "--cacert", fixture.rootPath, "-D", "-", "-o", "/dev/null",
                "https://localhost:\(server.port)/",
            ])
        #expect(curl.terminationStatus == 0, "\(curl.transcript)\n\(server.process.transcript)")
        #expect(curl.standardOutput.hasPrefix("HTTP/1.1 200"), "\(curl.transcript)")
        #expect(
            curl.standardOutput.contains("Strict-Transport-Security: max-age=63072000; includeSubDomains; preload\r\n"),
            "\(curl.transcript)")
    }

    /// `tlskit server` answers 404 for hidden files and directories, 200 under /.well-known/.
    @Test func serverHidesDotFiles() async throws {
        let root = fixture.directory.appendingPathComponent("dot-files")
        for (path, text) in [
            ".git/config": "[core]\n", ".env": "SECRET=1\n", ".build/debug/tlskit": "binary\n",
            ".well-known/security.txt": "Contact: mailto:security@example.com\n", "index.html": "<p>hi</p>\n",
        ] {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let leaf = try fixture.leaf(.good(.p256))
        let server = try await TLSKitServer.start(["--cert", leaf.chainPath, "--key", leaf.keyPath, "--root", root.path])
        defer { server.process.stop() }

        for (path, status) in [
            "/.git/config": "404", "/.env": "404", "/.build/debug/tlskit": "404", "/%2egit/config": "404",
            "/.well-known/security.txt": "200", "/": "200",
        ] {
            let curl = try await PeerProcess.run(
                try PeerTools.curl(),
                [
                    "-sS", "--max-time", "110", "-o", "/dev/null", "-w", "%{http_code}", "--cacert", fixture.rootPath,
                    "https://localhost:\(server.port)\(path)",
                ])
            #expect(curl.standardOutput == status, "\(path): \(curl.transcript)")
        }
    }
}
