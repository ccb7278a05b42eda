import Testing
import TLSKit

/// The `tlskit client` executable end to end against `openssl s_server -www`.
@Suite struct TLSKitCLIInteropTests {
    let fixture: TestPKIFixture

    init() throws {
        fixture = try TestPKIFixture(kinds: [])
    }

    @Test func clientFetchesThePageAndReportsTheSession() async throws {
        let leaf = try fixture.leaf(.good(.p256))
        let (server, port) = try await OpenSSLServer.start(
            serving: leaf, ["-www", "-ciphersuites", "TLS_AES_256_GCM_SHA384"])
        defer { server.stop() }

        let client = try await PeerProcess.run(
            try TLSKitExecutable.path(),
            ["client", "127.0.0.1:\(port)", "--timeout", "120", "--cafile", fixture.rootPath, "--servername", "localhost", "--http", "/"],
            timeout: InteropTimeouts.peer
        )
        #expect(client.terminationStatus == 0, "\(client.transcript)\n\(server.transcript)")
        let page = client.standardOutput
        #expect(page.hasPrefix("HTTP/1.0 200 ok"), "\(client.transcript)")
        #expect(page.contains("s_server"), "\(client.transcript)")
        #expect(page.contains("Cipher is TLS_AES_256_GCM_SHA384"), "\(client.transcript)")
        let report = client.standardError
        #expect(report.contains("TLSv1.3"), "\(report)")
        #expect(report.contains("TLS_AES_256_GCM_SHA384"), "\(report)")
        #expect(report.contains("verified"), "\(report)")
        #expect(!report.contains("REJECTED"), "\(report)")
        #expect(report.contains("Test Root"), "\(report)")
        // The report goes to stderr only: stdout is the page alone.
        #expect(!page.contains("Cipher suite:"), "\(page)")
    }

    @Test func clientRefusesTheWrongHostWithOneErrorLine() async throws {
        let leaf = try fixture.leaf(.wrongHost)
        let (server, port) = try await OpenSSLServer.start(serving: leaf, ["-www"])
        defer { server.stop() }

        let client = try await PeerProcess.run(
            try TLSKitExecutable.path(),
            ["client", "127.0.0.1:\(port)", "--timeout", "120", "--cafile", fixture.rootPath, "--servername", "localhost", "--http", "/"],
            timeout: InteropTimeouts.peer
        )
        #expect(client.terminationStatus != 0, "\(client.transcript)")
        #expect(client.standardOutput.isEmpty, "\(client.transcript)")
        let errorLines = client.standardError.split(separator: "\n").filter { $0.hasPrefix("tlskit: error:") }
        #expect(errorLines.count == 1, "\(client.transcript)")
        #expect(errorLines.first?.contains("localhost") == true, "\(client.transcript)")
        #expect(errorLines.first?.contains("other.example") == true, "\(client.transcript)")
    }
}
