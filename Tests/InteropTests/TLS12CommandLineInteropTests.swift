import Foundation
import Testing
import TLSKit

/// TLS 1.2 through the `tlskit` executable, as a new user meets it: `tlskit client` against
/// `openssl s_server -tls1_2` (the report, resumption with --reconnect and --sess-in/--sess-out,
/// RSA key exchange refused without --legacy), and `tlskit server` against clients capped at
/// TLS 1.2 (`curl --tlsv1.2 --tls-max 1.2`, Python's `ssl` with maximum_version TLSv1_2,
/// `openssl s_client -tls1_2`).
@Suite struct TLS12CommandLineInteropTests {
    let fixture: TestPKIFixture

    init() throws {
        fixture = try TestPKIFixture(kinds: [])
    }

    func path(_ name: String) -> String {
        fixture.directory.appendingPathComponent("\(name)-\(UUID().uuidString)").path
    }

    /// `openssl s_server -tls1_2 -www` serving `leaf` with `options`; stopped by the caller.
    func opensslServer(_ leaf: FixtureLeaf, _ options: [String]) async throws -> (server: PeerProcess, port: UInt16) {
        let port = try FreePort.allocate()
        var arguments = ["s_server", "-tls1_2", "-www", "-accept", "\(port)", "-cert", leaf.certificatePath, "-key", leaf.keyPath]
        if let intermediate = leaf.intermediatePath { arguments += ["-cert_chain", intermediate] }
        let server = try PeerProcess(try PeerTools.openssl(), arguments + options)
        do {
            try await server.waitUntilListening(port: port)
        } catch {
            server.stop()
            throw error
        }
        return (server, port)
    }

    /// `tlskit client 127.0.0.1:PORT --servername localhost --cafile ROOT --http /` plus `options`.
    func tlskitClient(port: UInt16, _ options: [String]) async throws -> PeerProcess {
        try await PeerProcess.run(
            try TLSKitExecutable.path(),
            ["client", "127.0.0.1:\(port)", "--timeout", "120", "--servername", "localhost", "--cafile", fixture.rootPath, "--http", "/"]
                + options,
            timeout: InteropTimeouts.peer)
    }

    static func occurrences(of text: String, in output: String) -> Int {
        output.components(separatedBy: text).count - 1
    }

    // MARK: tlskit client

    @Test func clientReportsTLS12AndTheExtendedMasterSecret() async throws {
        let (server, port) = try await opensslServer(try fixture.leaf(.good(.p256)), ["-cipher", "ECDHE-ECDSA-AES256-GCM-SHA384"])
        defer { server.stop() }
        let client = try await tlskitClient(port: port, [])
        #expect(client.terminationStatus == 0, "\(client.transcript)\n\(server.transcript)")
        let report = client.standardError
        #expect(report.contains("Protocol:          TLSv1.2"), "\(report)")
        #expect(report.contains("Cipher suite:      TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"), "\(report)")
        #expect(report.contains("Extended master secret: yes"), "\(report)")
        #expect(report.contains("verified"), "\(report)")
        #expect(client.standardOutput.contains("Protocol  : TLSv1.2"), "s_server's page: \(client.transcript)")
        #expect(client.standardOutput.contains("ECDHE-ECDSA-AES256-GCM-SHA384"), "s_server's page: \(client.transcript)")
    }

    /// `--reconnect 2` resumes twice: with tickets (RFC 5077) and with session IDs only.
    @Test(arguments: [[String](), ["-no_ticket"]])
    func clientReconnectsResuming(_ serverOptions: [String]) async throws {
        let (server, port) = try await opensslServer(try fixture.leaf(.good(.p256)), serverOptions)
        defer { server.stop() }
        let client = try await tlskitClient(port: port, ["--reconnect", "2"])
        #expect(client.terminationStatus == 0, "\(client.transcript)\n\(server.transcript)")
        let report = client.standardError
        #expect(report.contains("Connection 1: full handshake, New, TLSv1.2"), "\(client.transcript)")
        #expect(report.contains("Connection 2: resumed handshake, Reused, TLSv1.2"), "\(client.transcript)")
        #expect(report.contains("Connection 3: resumed handshake, Reused, TLSv1.2"), "\(client.transcript)")
        #expect(Self.occurrences(of: "Reused, TLSv1.2", in: client.standardOutput) == 2, "s_server's pages: \(client.transcript)")
    }

    @Test(arguments: [[String](), ["-no_ticket"]])
    func clientSavesAndResumesASessionFile(_ serverOptions: [String]) async throws {
        let (server, port) = try await opensslServer(try fixture.leaf(.good(.rsa2048)), serverOptions)
        defer { server.stop() }
        let session = path("tls12-session")
        let first = try await tlskitClient(port: port, ["--sess-out", session])
        #expect(first.terminationStatus == 0, "\(first.transcript)\n\(server.transcript)")
        #expect(first.standardError.contains("New, TLSv1.2, Cipher is TLS_ECDHE_RSA_"), "\(first.transcript)")
        let second = try await tlskitClient(port: port, ["--sess-in", session])
        #expect(second.terminationStatus == 0, "\(second.transcript)\n\(server.transcript)")
        #expect(second.standardError.contains("Reused, TLSv1.2"), "\(second.transcript)")
        #expect(second.standardOutput.contains("Reused, TLSv1.2"), "s_server's page: \(second.transcript)")
    }

    /// A server that knows only RSA key exchange: refused with the reason and the way out,
    /// then accepted with --legacy.
    @Test func clientRefusesRSAKeyExchangeUnlessLegacy() async throws {
        let (server, port) = try await opensslServer(try fixture.leaf(.good(.rsa2048)), ["-cipher", "AES128-GCM-SHA256"])
        defer { server.stop() }
        let refused = try await tlskitClient(port: port, [])
        #expect(refused.terminationStatus != 0, "\(refused.transcript)")
        let errorLine = refused.standardError.split(separator: "\n").first { $0.hasPrefix("tlskit: error:") } ?? ""
        #expect(errorLine.contains("--legacy") && errorLine.contains("forward secrecy"), "\(refused.transcript)")

        let legacy = try await tlskitClient(port: port, ["--legacy"])
        #expect(legacy.terminationStatus == 0, "\(legacy.transcript)\n\(server.transcript)")
        #expect(legacy.standardError.contains("Cipher suite:      TLS_RSA_WITH_AES_128_GCM_SHA256"), "\(legacy.transcript)")
        #expect(legacy.standardOutput.contains("AES128-GCM-SHA256"), "s_server's page: \(legacy.transcript)")
    }

    // MARK: tlskit server

    func startServer(_ leaf: FixtureLeaf, _ options: [String] = []) async throws -> TLSKitServer.Started {
        let root = fixture.directory.appendingPathComponent("www-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try Data("hello over TLS 1.2\n".utf8).write(to: URL(fileURLWithPath: root + "/index.html"))
        return try await TLSKitServer.start(["--cert", leaf.chainPath, "--key", leaf.keyPath, "--root", root, "--status"] + options)
    }

    @Test func curlCappedAtTLS12ConnectsToTLSKitServer() async throws {
        let server = try await startServer(try fixture.leaf(.good(.p256)))
        defer { server.process.stop() }
        let result = try await CurlClient.run(port: server.port, caFile: fixture.rootPath, ["--tlsv1.2", "--tls-max", "1.2"])
        #expect(result.process.terminationStatus == 0, "\(result.process.transcript)\n\(server.process.transcript)")
        #expect(result.httpCode == 200 && result.sslVerifyResult == 0, "\(result.process.transcript)")
        #expect(result.verbose.contains("SSL connection using TLSv1.2 / ECDHE-ECDSA-"), "\(result.process.transcript)")
        #expect(result.body.contains("Protocol:           TLSv1.2"), "the status page: \(result.body)")
        #expect(result.body.contains("Extended master secret: yes"), "the status page: \(result.body)")
    }

    @Test func pythonCappedAtTLS12ConnectsToTLSKitServer() async throws {
        let server = try await startServer(try fixture.leaf(.good(.rsa2048)))
        defer { server.process.stop() }
        let (outcome, process) = try await PythonTLSClient.run(port: server.port, caFile: fixture.rootPath, maximumVersion: "1.2")
        #expect(outcome.error == nil, "\(process.transcript)\n\(server.process.transcript)")
        #expect(outcome.version == "TLSv1.2", "\(process.transcript)")
        #expect(outcome.cipher?.hasPrefix("ECDHE-RSA-") == true, "\(process.transcript)")
        #expect(outcome.data?.contains("Protocol:           TLSv1.2") == true, "\(process.transcript)")
    }

    @Test func opensslClientSeesTLS12WithTheExtendedMasterSecret() async throws {
        let server = try await startServer(try fixture.leaf(.good(.p256)))
        defer { server.process.stop() }
        let client = try await OpenSSLClient.run(port: server.port, caFile: fixture.rootPath, version: "-tls1_2")
        #expect(client.terminationStatus == 0, "\(client.transcript)\n\(server.process.transcript)")
        #expect(client.standardOutput.contains("Protocol  : TLSv1.2"), "\(client.transcript)")
        #expect(client.standardOutput.contains("Extended master secret: yes"), "\(client.transcript)")
        #expect(client.standardOutput.contains("Verify return code: 0 (ok)"), "\(client.transcript)")
    }

    /// RSA key exchange is served only by `--profile legacy` (or `--legacy`).
    @Test func serverOffersRSAKeyExchangeOnlyWhenLegacy() async throws {
        let leaf = try fixture.leaf(.good(.rsa2048))
        let intermediate = try await startServer(leaf)
        defer { intermediate.process.stop() }
        let refused = try await OpenSSLClient.run(
            port: intermediate.port, caFile: fixture.rootPath, version: "-tls1_2", ["-cipher", "AES128-GCM-SHA256"])
        #expect(refused.terminationStatus != 0, "\(refused.transcript)")

        let legacy = try await startServer(leaf, ["--profile", "legacy"])
        defer { legacy.process.stop() }
        let client = try await OpenSSLClient.run(
            port: legacy.port, caFile: fixture.rootPath, version: "-tls1_2", ["-cipher", "AES128-GCM-SHA256"])
        #expect(client.terminationStatus == 0, "\(client.transcript)\n\(legacy.process.transcript)")
        #expect(client.standardOutput.contains("Cipher    : AES128-GCM-SHA256"), "\(client.transcript)")
    }

    /// TLSKit's own client and server over TLS 1.2, resuming with --reconnect.
    @Test func tlskitClientAndServerSpeakTLS12() async throws {
        let server = try await startServer(try fixture.leaf(.good(.p256)))
        defer { server.process.stop() }
        let client = try await tlskitClient(port: server.port, ["--tls1_2", "--reconnect", "1"])
        #expect(client.terminationStatus == 0, "\(client.transcript)\n\(server.process.transcript)")
        #expect(client.standardError.contains("Protocol:          TLSv1.2"), "\(client.transcript)")
        #expect(client.standardError.contains("Extended master secret: yes"), "\(client.transcript)")
        #expect(client.standardError.contains("Connection 2: resumed handshake, Reused, TLSv1.2"), "\(client.transcript)")
        #expect(client.standardOutput.contains("Session:            resumed"), "\(client.transcript)")
    }
}
