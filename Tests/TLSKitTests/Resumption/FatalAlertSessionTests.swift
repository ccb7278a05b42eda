import NIOCore
import Testing
@testable import TLSKit

/// RFC 5246, Section 7.2.2: "Any connection terminated with a fatal alert MUST NOT be
/// resumed." A TLS 1.2 session filed by a connection that later fails, on either side, is
/// withdrawn from the client's cache and from the server's session-ID cache.
@Suite struct FatalAlertSessionTests {
    let fixture: ServerTestPKI

    init() throws {
        fixture = try ServerTestPKI.get()
    }

    /// A TLS 1.2 pair with session IDs only (no tickets), handshake done.
    func connectedPipe() async throws -> (ConnectionPipe, InMemoryClientSessionCache, TLS12SessionCache) {
        let clientCache = InMemoryClientSessionCache()
        let serverCache = TLS12SessionCache()
        var client = fixture.clientConfiguration()
        client.versions = [.tls12]
        client.sessionCache = clientCache
        var server = try fixture.serverConfiguration()
        server.versions = [.tls12]
        server.sessionCache = serverCache
        server.ticketCount = 0
        var pipe = try ConnectionPipe(client: client, server: server)
        try await pipe.handshake()
        return (pipe, clientCache, serverCache)
    }

    func key(_ pipe: ConnectionPipe) -> ClientSessionKey {
        ClientSessionKey(serverName: "localhost", applicationProtocols: [])
    }

    @Test func aFatalAlertWithdrawsTheSessionOnBothSides() async throws {
        var (pipe, clientCache, serverCache) = try await connectedPipe()
        #expect(serverCache.count == 1)
        #expect(clientCache.latestSession(for: key(pipe)) != nil)
        // A record that fails authentication: the server sends bad_record_mac and fails.
        var forged = try RecordForger(continuing: pipe.client.connection)
        var tampered = try forged.seal([(.applicationData, Array("hello".utf8))])
        tampered.setInteger(UInt8(0xFF) ^ (tampered.getInteger(at: tampered.writerIndex - 1, as: UInt8.self) ?? 0), at: tampered.writerIndex - 1)
        pipe.server.inbox.writeBuffer(&tampered)
        try await pipe.run()
        #expect(pipe.server.error?.alert == .badRecordMAC)
        #expect(pipe.client.error?.code == .alertReceived)
        #expect(serverCache.count == 0, "the server resumes a session that ended in a fatal alert")
        #expect(clientCache.latestSession(for: key(pipe)) == nil, "the client offers a session that ended in a fatal alert")
    }

    @Test func aCleanCloseKeepsTheSession() async throws {
        var (pipe, clientCache, serverCache) = try await connectedPipe()
        pipe.client.connection.close()
        try await pipe.run()
        #expect(pipe.server.closedByPeer)
        #expect(serverCache.count == 1)
        #expect(clientCache.latestSession(for: key(pipe)) != nil)
    }
}
