import Foundation
import NIOCore
import Testing
@testable import TLSKit

/// 0-RTT early data (RFC 8446, Sections 2.3, 4.2.10, 4.5, 8).
@Suite struct EarlyDataTests {
    static let request = ByteBuffer(string: "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")

    @Test func acceptedEarlyDataArrivesBeforeTheClientsFinishedExactlyOnce() async throws {
        let fixture = try ResumptionFixture(serverEarlyData: 16384, clientEarlyData: true)
        _ = try await fixture.fullHandshake()
        var pipe = try fixture.pipe()
        #expect(pipe.client.connection.earlyDataCapacity == 16384)
        try pipe.client.connection.writeEarlyData(Self.request)
        try await pipe.handshake()
        #expect(pipe.client.summary?.resumed == true)
        #expect(pipe.client.summary?.earlyDataAccepted == true)
        #expect(pipe.server.summary?.earlyDataAccepted == true)
        #expect(pipe.server.receivedBeforeHandshake == Self.request, "delivered before the client's Finished")
        #expect(pipe.server.received == Self.request, "exactly once")
        #expect(pipe.client.connection.earlyDataCapacity == 0)

        try pipe.client.connection.write(ByteBuffer(string: "after"))
        try pipe.server.connection.write(ByteBuffer(string: "reply"))
        try await pipe.run()
        #expect(pipe.server.received == ByteBuffer(string: "GET / HTTP/1.1\r\nHost: localhost\r\n\r\nafter"))
        #expect(pipe.client.received == ByteBuffer(string: "reply"))
    }

    /// The key log of a resumed 0-RTT connection (NSS key log format): every secret, the early
    /// one included, is logged, and both sides log the same values.
    @Test func keyLogOfA0RTTConnectionHasTheEarlySecretOnBothSides() async throws {
        let fixture = try ResumptionFixture(serverEarlyData: 16384, clientEarlyData: true)
        _ = try await fixture.fullHandshake()
        let clientLog = KeyLogCollector()
        let serverLog = KeyLogCollector()
        var client = fixture.client
        client.keyLog = clientLog.callback
        var server = fixture.server
        server.keyLog = serverLog.callback
        var pipe = try fixture.pipe(client: client, server: server)
        try pipe.client.connection.writeEarlyData(Self.request)
        try await pipe.handshake()
        #expect(pipe.server.summary?.earlyDataAccepted == true)
        let labels = [
            "CLIENT_EARLY_TRAFFIC_SECRET", "CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET",
            "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0", "EXPORTER_SECRET",
        ]
        #expect(Set(clientLog.lines.map { String($0.split(separator: " ")[0]) }) == Set(labels))
        for label in labels {
            let secret = clientLog.secret(label)
            #expect(secret != nil, "\(label) missing")
            #expect(secret == serverLog.secret(label), "\(label) differs between the sides")
        }
    }

    /// RFC 8446, Appendix D.3: a client that sent 0-RTT data fails when the server answers
    /// with TLS 1.2 (protocol_version). The TLS 1.2 server has already refused the early-data
    /// record that followed the ClientHello (application data before the handshake), and
    /// delivered none of it.
    @Test func earlyDataToATLS12ServerFailsOnBothSides() async throws {
        let fixture = try ResumptionFixture(serverEarlyData: 1024, clientEarlyData: true)
        _ = try await fixture.fullHandshake()
        var tls12Server = fixture.server
        tls12Server.versions = [.tls12]
        var pipe = try fixture.pipe(server: tls12Server)
        try pipe.client.connection.writeEarlyData(ByteBuffer(string: "GET / HTTP/1.1\r\n\r\n"))
        try await pipe.run()
        #expect(pipe.client.error?.alert == .protocolVersion, "\(String(describing: pipe.client.error))")
        #expect(pipe.server.error?.alert == .unexpectedMessage, "\(String(describing: pipe.server.error))")
        #expect(pipe.server.error?.code == .peerMisbehaved)
        #expect(pipe.server.received.readableBytes == 0)
    }

    @Test func earlyDataIsOnlyPossibleWhenOptedInAndAllowed() async throws {
        // The client did not opt in.
        let notOptedIn = try ResumptionFixture(serverEarlyData: 16384, clientEarlyData: false)
        _ = try await notOptedIn.fullHandshake()
        var pipe = try notOptedIn.pipe()
        #expect(pipe.client.connection.earlyDataCapacity == 0)
        #expect(throws: TLSError.self) { try pipe.client.connection.writeEarlyData(Self.request) }
        #expect(try ResumptionTestRecords.clientHello(in: pipe.peekClientFlight()).extensions.first(.earlyData) == nil)

        // The ticket does not allow it (the server was not configured for early data).
        let notAllowed = try ResumptionFixture(serverEarlyData: 0, clientEarlyData: true)
        _ = try await notAllowed.fullHandshake()
        var second = try notAllowed.pipe()
        #expect(second.client.connection.earlyDataCapacity == 0)
        #expect(throws: TLSError.self) { try second.client.connection.writeEarlyData(Self.request) }
        try await second.handshake()
        #expect(second.client.summary?.resumed == true)
        #expect(second.client.summary?.earlyDataAccepted == nil)

        // No session at all.
        var fresh = try notAllowed.pipe(client: {
            var client = notAllowed.client
            client.sessionCache = nil
            return client
        }())
        #expect(fresh.client.connection.earlyDataCapacity == 0)
        #expect(throws: TLSError.self) { try fresh.client.connection.writeEarlyData(Self.request) }
    }

    @Test func earlyDataAboveTheTicketsLimitIsRefusedLocally() async throws {
        let fixture = try ResumptionFixture(serverEarlyData: 16, clientEarlyData: true)
        _ = try await fixture.fullHandshake()
        var pipe = try fixture.pipe()
        #expect(pipe.client.connection.earlyDataCapacity == 16)
        #expect(throws: TLSError.self) { try pipe.client.connection.writeEarlyData(Self.request) }
        try pipe.client.connection.writeEarlyData(ByteBuffer(string: "0123456789"))
        #expect(pipe.client.connection.earlyDataCapacity == 6)
    }

    @Test func earlyDataRejectedByAnUnconfiguredServerIsResentAfterTheHandshake() async throws {
        let fixture = try ResumptionFixture(serverEarlyData: 16384, clientEarlyData: true)
        _ = try await fixture.fullHandshake()
        var server = fixture.server
        server.maxEarlyDataSize = 0
        var pipe = try fixture.pipe(server: server)
        try pipe.client.connection.writeEarlyData(Self.request)
        try await pipe.handshake()
        #expect(pipe.client.summary?.resumed == true, "the session still resumes")
        #expect(pipe.client.summary?.earlyDataAccepted == false)
        #expect(pipe.server.summary?.earlyDataAccepted == false)
        #expect(pipe.server.receivedBeforeHandshake.readableBytes == 0)
        #expect(pipe.server.received == Self.request, "re-sent as application data, exactly once")
    }

    @Test func earlyDataIsRejectedAfterHelloRetryRequest() async throws {
        let fixture = try ResumptionFixture(serverEarlyData: 16384, clientEarlyData: true)
        _ = try await fixture.fullHandshake()
        var server = fixture.server
        server.supportedGroups = [.secp256r1]
        var pipe = try fixture.pipe(server: server)
        try pipe.client.connection.writeEarlyData(Self.request)
        try await pipe.handshake()
        #expect(pipe.client.summary?.helloRetryRequested == true)
        #expect(pipe.client.summary?.resumed == true)
        #expect(pipe.client.summary?.earlyDataAccepted == false)
        #expect(pipe.server.receivedBeforeHandshake.readableBytes == 0)
        #expect(pipe.server.received == Self.request)
    }

    /// After a HelloRetryRequest, rejected early data is skipped only until the second
    /// ClientHello: a protected record after it that does not open is a bad_record_mac
    /// (RFC 8446, Section 4.2.10; BoGo's SkipEarlyData-SecondClientHelloEarlyData-TLS13).
    @Test func earlyDataAfterTheSecondClientHelloIsBadRecordMAC() async throws {
        let fixture = try ResumptionFixture(serverEarlyData: 16384, clientEarlyData: true)
        _ = try await fixture.fullHandshake()
        var serverConfiguration = fixture.server
        serverConfiguration.supportedGroups = [.secp256r1]
        var client = try TLSConnection(configuration: fixture.client, serverName: "localhost")
        try client.writeEarlyData(Self.request)
        var server = try TLSConnection(configuration: serverConfiguration)
        var retry = ByteBuffer()
        var first = try ResumptionTestRecords.firstFlight(of: &client)
        server.receive(&first)
        while let action = try server.nextAction() {
            if case .send(var bytes) = action { retry.writeBuffer(&bytes) }
        }
        client.receive(&retry)
        var second = try ResumptionTestRecords.firstFlight(of: &client)
        #expect(try ResumptionTestRecords.clientHello(in: second).extensions.first(.earlyData) == nil)
        second.writeBytes([23, 3, 3, 0, 32] + [UInt8](repeating: 0xAB, count: 32))
        server.receive(&second)
        let error = #expect(throws: TLSError.self) {
            while try server.nextAction() != nil {}
        }
        #expect(error?.alert == .badRecordMAC)
    }

    @Test func earlyDataIsRejectedWhenTheTicketAgeIsOff() async throws {
        let fixture = try ResumptionFixture(serverEarlyData: 16384, clientEarlyData: true)
        _ = try await fixture.fullHandshake()
        var client = fixture.client
        let skewed = TestClock(fixture.clock.now.addingTimeInterval(60))
        client.now = skewed.closure
        var pipe = try fixture.pipe(client: client)
        try pipe.client.connection.writeEarlyData(Self.request)
        try await pipe.handshake()
        #expect(pipe.client.summary?.resumed == true)
        #expect(pipe.client.summary?.earlyDataAccepted == false)
        #expect(pipe.server.received == Self.request)
    }

    @Test func earlyDataIsRejectedWhenTheALPNProtocolChanges() async throws {
        var fixture = try ResumptionFixture(serverEarlyData: 16384, clientEarlyData: true)
        fixture.client.applicationProtocols = ["h2", "http/1.1"]
        fixture.server.applicationProtocols = ["h2", "http/1.1"]
        _ = try await fixture.fullHandshake()
        var server = fixture.server
        server.applicationProtocols = ["http/1.1"]
        var pipe = try fixture.pipe(server: server)
        try pipe.client.connection.writeEarlyData(Self.request)
        try await pipe.handshake()
        #expect(pipe.client.summary?.applicationProtocol == "http/1.1")
        #expect(pipe.client.summary?.earlyDataAccepted == false)
        #expect(pipe.server.received == Self.request)
    }

    @Test func replayedEarlyDataClientHelloIsRefused() async throws {
        let fixture = try ResumptionFixture(serverEarlyData: 16384, clientEarlyData: true)
        _ = try await fixture.fullHandshake()
        var client = try TLSConnection(configuration: fixture.client, serverName: "localhost")
        try client.writeEarlyData(Self.request)
        let flight = try ResumptionTestRecords.firstFlight(of: &client)

        var original = try TLSConnection(configuration: fixture.server)
        let (originalData, originalSent) = try Self.feed(flight, to: &original)
        #expect(originalData == Self.request)
        #expect(originalSent > 0)

        var replayed = try TLSConnection(configuration: fixture.server)
        let (replayedData, replayedSent) = try Self.feed(flight, to: &replayed)
        #expect(replayedData.readableBytes == 0, "the replay guard must refuse the second 0-RTT ClientHello")
        #expect(replayedSent > 0, "the handshake goes on in 1-RTT")
        #expect(replayed.summary == nil)

        // Without a replay guard, stateless tickets get no early data at all.
        var unguarded = fixture.server
        unguarded.earlyDataReplayGuard = nil
        var secondClient = try TLSConnection(configuration: fixture.client, serverName: "localhost")
        try secondClient.writeEarlyData(Self.request)
        var unguardedServer = try TLSConnection(configuration: unguarded)
        let (unguardedData, _) = try Self.feed(ResumptionTestRecords.firstFlight(of: &secondClient), to: &unguardedServer)
        #expect(unguardedData.readableBytes == 0)
    }

    @Test func singleUseTicketsNeedNoReplayGuard() async throws {
        var fixture = try ResumptionFixture(serverEarlyData: 16384, clientEarlyData: true)
        fixture.server.sessionStore = InMemoryServerSessionStore()
        fixture.server.earlyDataReplayGuard = nil
        _ = try await fixture.fullHandshake()
        var client = try TLSConnection(configuration: fixture.client, serverName: "localhost")
        try client.writeEarlyData(Self.request)
        let flight = try ResumptionTestRecords.firstFlight(of: &client)
        var first = try TLSConnection(configuration: fixture.server)
        #expect(try Self.feed(flight, to: &first).data == Self.request)
        var replayed = try TLSConnection(configuration: fixture.server)
        let (data, sent) = try Self.feed(flight, to: &replayed)
        #expect(data.readableBytes == 0)
        #expect(sent > 0, "a full handshake answers the replay")
    }

    @Test func earlyDataAboveTheServersLimitIsUnexpectedMessage() async throws {
        let fixture = try ResumptionFixture(serverEarlyData: 16384, clientEarlyData: true)
        _ = try await fixture.fullHandshake()
        var server = fixture.server
        server.maxEarlyDataSize = 10
        var pipe = try fixture.pipe(server: server)
        try pipe.client.connection.writeEarlyData(Self.request)
        try await pipe.expectFailure(.unexpectedMessage, sentBy: .server)
        #expect(pipe.server.received.readableBytes == 0)
    }

    @Test func rejectedEarlyDataIsSkippedOnlyUpToALimit() async throws {
        let fixture = try ResumptionFixture(serverEarlyData: 16384, clientEarlyData: true)
        _ = try await fixture.fullHandshake()
        var server = fixture.server
        server.maxEarlyDataSize = 0
        var pipe = try fixture.pipe(server: server)
        try pipe.client.connection.writeEarlyData(Self.request)
        // Records no key opens, after the client's first flight: skipped as rejected early
        // data until they pass the limit (here 2^14 bytes), then unexpected_message.
        var first = true
        pipe.clientToServer = { bytes in
            guard first else { return bytes }
            first = false
            var out = bytes
            for _ in 0..<3 {
                out.writeInteger(ContentType.applicationData.rawValue)
                out.writeInteger(ProtocolVersion.tls12.rawValue)
                out.writeInteger(UInt16(8000))
                out.writeRepeatingByte(0x5A, count: 8000)
            }
            return out
        }
        try await pipe.run()
        let error = try #require(pipe.server.error)
        #expect(error.alert == .unexpectedMessage, "\(error)")
        #expect(pipe.server.received.readableBytes == 0)
    }

    @Test func rejectedEarlyDataWithinTheLimitIsSkipped() async throws {
        let fixture = try ResumptionFixture(serverEarlyData: 16384, clientEarlyData: true)
        _ = try await fixture.fullHandshake()
        var server = fixture.server
        server.maxEarlyDataSize = 0
        var pipe = try fixture.pipe(server: server)
        for _ in 0..<16 { try pipe.client.connection.writeEarlyData(ByteBuffer(repeating: 0x61, count: 1024)) }
        #expect(pipe.client.connection.earlyDataCapacity == 0)
        try await pipe.handshake()
        #expect(pipe.client.summary?.earlyDataAccepted == false)
        #expect(pipe.server.received == ByteBuffer(repeating: 0x61, count: 16384))
    }

    /// Hands `flight` to a server connection; returns the data it delivered and how many
    /// bytes it sent, failing the test on an error.
    static func feed(_ flight: ByteBuffer, to server: inout TLSConnection) throws -> (data: ByteBuffer, sent: Int) {
        var input = flight
        server.receive(&input)
        var data = ByteBuffer()
        var sent = 0
        while let action = try server.nextAction() {
            switch action {
            case .send(let bytes): sent += bytes.readableBytes
            case .deliver(var bytes): data.writeBuffer(&bytes)
            default: break
            }
        }
        return (data, sent)
    }
}

extension EarlyDataTests {
    @Test func earlyDataOnATicketTheServerCannotOpenIsResentAfterAFullHandshake() async throws {
        let fixture = try ResumptionFixture(serverEarlyData: 16384, clientEarlyData: true)
        _ = try await fixture.fullHandshake()
        var server = fixture.server
        server.ticketKeys = RotatingTicketKeyProvider()
        var pipe = try fixture.pipe(server: server)
        try pipe.client.connection.writeEarlyData(Self.request)
        try await pipe.handshake()
        #expect(pipe.client.summary?.resumed == false)
        #expect(pipe.client.summary?.earlyDataAccepted == false)
        #expect(pipe.server.summary?.earlyDataAccepted == false)
        #expect(pipe.server.received == Self.request)
    }
}
