import NIOCore
import Testing
@testable import TLSKit

/// Keying material exporters on the connection (RFC 8446, Section 7.5; RFC 5705).
@Suite struct ExporterTests {
    private func connectedPipe(suite: CipherSuite = .tlsAES128GCMSHA256) async throws -> ConnectionPipe {
        let fixture = try ServerTestPKI.get()
        var client = fixture.clientConfiguration()
        client.cipherSuites = [suite]
        var pipe = try ConnectionPipe(client: client, server: try fixture.serverConfiguration())
        try await pipe.handshake()
        return pipe
    }

    @Test(arguments: CipherSuite.tls13Suites)
    func bothSidesExportTheSameBytes(_ suite: CipherSuite) async throws {
        let pipe = try await connectedPipe(suite: suite)
        let client = try pipe.client.connection.exportKeyingMaterial(label: "EXPERIMENTAL test", context: [1, 2, 3], length: 32)
        let server = try pipe.server.connection.exportKeyingMaterial(label: "EXPERIMENTAL test", context: [1, 2, 3], length: 32)
        #expect(client.count == 32)
        #expect(client == server)
        #expect(client != [UInt8](repeating: 0, count: 32))
    }

    @Test func labelContextAndLengthEachChangeTheOutput() async throws {
        let pipe = try await connectedPipe()
        let connection = pipe.client.connection
        let base = try connection.exportKeyingMaterial(label: "EXPERIMENTAL a", context: [1], length: 32)
        let otherLabel = try connection.exportKeyingMaterial(label: "EXPERIMENTAL b", context: [1], length: 32)
        let otherContext = try connection.exportKeyingMaterial(label: "EXPERIMENTAL a", context: [2], length: 32)
        let shorter = try connection.exportKeyingMaterial(label: "EXPERIMENTAL a", context: [1], length: 16)
        #expect(base != otherLabel)
        #expect(base != otherContext)
        #expect(shorter.count == 16)
        // The length is part of HkdfLabel, so a shorter export is not a prefix of a longer one.
        #expect(Array(base.prefix(16)) != shorter)
        // A second handshake has other secrets, so other keying material.
        let other = try await connectedPipe()
        #expect(try other.client.connection.exportKeyingMaterial(label: "EXPERIMENTAL a", context: [1], length: 32) != base)
    }

    @Test func noContextEqualsAnEmptyContextInTLS13() async throws {
        let pipe = try await connectedPipe()
        let absent = try pipe.client.connection.exportKeyingMaterial(label: "EXPERIMENTAL x", context: nil, length: 20)
        let empty = try pipe.server.connection.exportKeyingMaterial(label: "EXPERIMENTAL x", context: [], length: 20)
        #expect(absent == empty)
    }

    @Test func argumentsOutOfRangeAreRefused() async throws {
        let pipe = try await connectedPipe(suite: .tlsAES256GCMSHA384)
        let connection = pipe.server.connection
        for label in ["", "master secret", "key expansion", "client finished", "server finished", "extended master secret",
                      String(repeating: "x", count: 250)] {
            #expect(throws: TLSError.self) {
                try connection.exportKeyingMaterial(label: label, context: nil, length: 32)
            }
        }
        let maximum = 255 * 48
        #expect(try connection.exportKeyingMaterial(label: "EXPERIMENTAL", context: nil, length: maximum).count == maximum)
        #expect(try connection.exportKeyingMaterial(label: String(repeating: "x", count: 249), context: nil, length: 1).count == 1)
        for length in [0, -1, maximum + 1] {
            let error = #expect(throws: TLSError.self) {
                try connection.exportKeyingMaterial(label: "EXPERIMENTAL", context: nil, length: length)
            }
            #expect(error?.code == .invalidArgument)
        }
    }

    @Test func exportingBeforeTheHandshakeIsAnInvalidState() throws {
        let fixture = try ServerTestPKI.get()
        let client = try TLSConnection(configuration: fixture.clientConfiguration(), serverName: "localhost")
        let error = #expect(throws: TLSError.self) {
            try client.exportKeyingMaterial(label: "EXPERIMENTAL", context: nil, length: 32)
        }
        #expect(error?.code == .invalidState)
    }
}
