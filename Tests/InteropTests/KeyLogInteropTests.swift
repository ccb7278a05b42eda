import Foundation
import Testing

/// Issue 4's acceptance: a key log written by `tlskit client` lets tshark decrypt a capture
/// of that connection and show the HTTP request.
@Suite struct KeyLogInteropTests {
    /// tshark is optional in scripts/test (not every distribution has it); without it this
    /// test is skipped, and says so.
    static let tshark: String? = try? PeerTools.path(of: "tshark")

    @Test(.enabled(if: tshark != nil, "SKIPPED: tshark is not installed (scripts/test installs it where the distribution has it)"))
    func tsharkDecryptsACaptureWithTheClientsKeyLog() async throws {
        let tshark = try #require(Self.tshark)
        let fixture = try TestPKIFixture(kinds: [])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tlskit-capture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let capture = directory.appendingPathComponent("capture.pcapng").path
        let keyLog = directory.appendingPathComponent("keys.log").path

        let (server, port) = try await OpenSSLServer.start(serving: try fixture.leaf(.good(.p256)), ["-www"])
        defer { server.stop() }

        let capturing = try PeerProcess(tshark, ["-i", "lo", "-f", "tcp port \(port)", "-w", capture])
        defer { capturing.stop() }
        let started = try await capturing.waitForOutput(containing: "Capturing on", timeout: InteropTimeouts.peer)
        try #require(started && capturing.isRunning, "tshark did not start capturing on lo\n\(capturing.transcript)")
        // "Capturing on" is printed as the capture starts; give the filter a moment to attach.
        try await Task.sleep(for: .milliseconds(500))

        let client = try await PeerProcess.run(
            try TLSKitExecutable.path(),
            ["client", "127.0.0.1:\(port)", "--timeout", "120", "--cafile", fixture.rootPath, "--servername", "localhost",
             "--keylog", keyLog, "--http", "/x"])
        #expect(client.terminationStatus == 0, "\(client.transcript)")
        #expect(client.standardOutput.hasPrefix("HTTP/1.0 200 ok"), "\(client.transcript)")
        try await Task.sleep(for: .milliseconds(500))
        capturing.stop()

        let lines = try String(contentsOfFile: keyLog, encoding: .utf8).split(separator: "\n")
        let labels = Set(lines.compactMap { $0.split(separator: " ").first.map(String.init) })
        #expect(labels.isSuperset(of: ["CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET",
                                       "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0", "EXPORTER_SECRET"]), "\(lines)")
        let permissions = try FileManager.default.attributesOfItem(atPath: keyLog)[.posixPermissions] as? NSNumber
        #expect((permissions?.intValue ?? 0o777) & 0o077 == 0)

        let decoded = try await PeerProcess.run(
            tshark, ["-r", capture, "-o", "tls.keylog_file:\(keyLog)", "-Y", "http.request", "-T", "fields", "-e", "http.request.uri"])
        #expect(decoded.standardOutput.split(separator: "\n").contains("/x"), "\(decoded.transcript)\n\(capturing.transcript)")

        // Without the key log the request stays hidden: the test sees decryption, not plaintext.
        let hidden = try await PeerProcess.run(
            tshark, ["-r", capture, "-Y", "http.request", "-T", "fields", "-e", "http.request.uri"])
        #expect(!hidden.standardOutput.contains("/x"), "\(hidden.transcript)")
    }
}
