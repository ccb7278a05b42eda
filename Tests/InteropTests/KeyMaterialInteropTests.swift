import Foundation
import NIOCore
import Testing
import TLSKit
import TLSKitNIO

/// Exporters (RFC 8446, Section 7.5) and KeyUpdate (Section 4.6.3) against OpenSSL.
@Suite struct KeyMaterialInteropTests {
    let fixture: TestPKIFixture

    init() throws {
        fixture = try TestPKIFixture(kinds: [])
    }

    static let label = "EXPERIMENTAL-tlskit-interop"

    /// The hex after "Keying material: " in OpenSSL's output.
    static func keyingMaterial(in output: String) -> [UInt8]? {
        guard let line = output.split(separator: "\n").first(where: { $0.contains("Keying material:") }),
            let hex = line.split(separator: ":").last?.trimmingCharacters(in: .whitespaces)
        else { return nil }
        return hexBytes(hex)
    }

    @Test func opensslClientExportsWhatOurServerExports() async throws {
        let server = try await EchoTLSServer(serving: try fixture.leaf(.good(.p256)), exportLabel: Self.label, exportLength: 32)
        let input = try PeerInput()
        let client = try PeerProcess(
            try PeerTools.openssl(),
            ["s_client", "-connect", "127.0.0.1:\(server.port)", "-servername", "localhost", "-CAfile", fixture.rootPath,
             "-tls1_3", "-keymatexport", Self.label, "-keymatexportlen", "32"],
            stdinPath: input.path)
        defer { client.stop() }
        // The connection stays open until our server has exported.
        let deadline = ContinuousClock.now + InteropTimeouts.peer
        while server.exported.isEmpty && ContinuousClock.now < deadline && client.isRunning {
            try await Task.sleep(for: .milliseconds(20))
        }
        input.close()
        try await client.waitForExit(timeout: InteropTimeouts.peer)
        await server.stop()
        let theirs = try #require(Self.keyingMaterial(in: client.standardOutput), "\(client.transcript)")
        let ours = try #require(server.exported.first, "the server exported nothing\n\(client.transcript)")
        #expect(theirs.count == 32)
        #expect(ours == theirs, "\(client.transcript)")
    }

    @Test(arguments: ["TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"])
    func ourClientExportsWhatOpensslServerExports(_ suite: String) async throws {
        let leaf = try fixture.leaf(.good(.p256))
        let port = try FreePort.allocate()
        let input = try PeerInput()
        var arguments = ["s_server", "-tls1_3", "-accept", "\(port)", "-cert", leaf.certificatePath, "-key", leaf.keyPath]
        if let intermediate = leaf.intermediatePath { arguments += ["-cert_chain", intermediate] }
        arguments += ["-ciphersuites", suite, "-keymatexport", Self.label, "-keymatexportlen", "48"]
        // Without -www, s_server prints the exported value once the handshake is done; its
        // input stays open so that it does not stop early.
        let server = try PeerProcess(try PeerTools.openssl(), arguments, stdinPath: input.path)
        defer { server.stop() }
        try await server.waitUntilListening(port: port)
        let connection = try await InteropClient.connect(port: port, configuration: InteropClient.configuration(trusting: fixture))
        let ours = try await connection.exportKeyingMaterial(label: Self.label, length: 48)
        #expect(try await server.waitForOutput(containing: "Keying material:"), "\(server.transcript)")
        try await connection.close()
        let theirs = try #require(Self.keyingMaterial(in: server.standardOutput), "\(server.transcript)")
        #expect(ours == theirs, "\(server.transcript)")
    }

    /// Issue 4's acceptance: `openssl s_client` sends KeyUpdate (`k`) and KeyUpdate with
    /// update_requested (`K`) in the middle of a transfer; our server follows and answers, and
    /// data keeps flowing both ways.
    @Test func opensslClientKeyUpdatesInTheMiddleOfATransfer() async throws {
        let server = try await EchoTLSServer(serving: try fixture.leaf(.good(.p256)), exportLabel: Self.label, exportLength: 16)
        let input = try PeerInput()

        let client = try PeerProcess(
            try PeerTools.openssl(),
            ["s_client", "-connect", "127.0.0.1:\(server.port)", "-servername", "localhost", "-CAfile", fixture.rootPath,
             "-tls1_3", "-msg"],
            stdinPath: input.path)
        defer { client.stop() }

        func send(_ line: String, expecting text: String) async throws {
            try input.write(line)
            let seen = try await client.waitForOutput(containing: text, timeout: InteropTimeouts.peer)
            #expect(seen, "no '\(text)' after sending \(line.debugDescription)\n\(client.transcript)")
        }

        try await send("first line\n", expecting: "first line")
        try await send("k\n", expecting: "KEYUPDATE")
        try await send("second line\n", expecting: "second line")
        let updatesBefore = client.standardOutput.components(separatedBy: "KeyUpdate").count
        try await send("K\n", expecting: "KEYUPDATE\nKEYUPDATE")
        try await send("third line\n", expecting: "third line")
        // With -msg, s_client shows each KeyUpdate: its two, and the one our server answered K with.
        let output = client.standardOutput
        let sent = output.split(separator: "\n").filter { $0.hasPrefix(">>>") && $0.contains("KeyUpdate") }
        let received = output.split(separator: "\n").filter { $0.hasPrefix("<<<") && $0.contains("KeyUpdate") }
        #expect(sent.count == 2, "\(client.transcript)")
        #expect(received.count == 1, "\(client.transcript)")
        #expect(output.components(separatedBy: "KeyUpdate").count > updatesBefore)
        input.close()
        try await client.waitForExit(timeout: InteropTimeouts.peer)
        #expect(!client.standardError.contains("error"), "\(client.transcript)")
        await server.stop()
    }
}
