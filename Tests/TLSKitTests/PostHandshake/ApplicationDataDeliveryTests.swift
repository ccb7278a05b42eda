import NIOCore
import Testing
@testable import TLSKit

/// Application data that arrives as several records at once is opened into one buffer and
/// delivered together, in order, up to `TLSConnection.maximumCoalescedDelivery` bytes; what
/// comes between (a handshake message, a corrupt record) keeps its place.
@Suite struct ApplicationDataDeliveryTests {
    static let suites: [CipherSuite] = [.tlsAES128GCMSHA256, .tlsChaCha20Poly1305SHA256, .tlsECDHEECDSAWithAES128GCMSHA256]

    private func connectedPipe(_ suite: CipherSuite) async throws -> ConnectionPipe {
        let fixture = try ServerTestPKI.get()
        var client = fixture.clientConfiguration()
        client.cipherSuites = [suite]
        var server = try fixture.serverConfiguration()
        server.cipherSuites = [suite]
        server.ticketCount = 0
        var pipe = try ConnectionPipe(client: client, server: server)
        try await pipe.handshake()
        return pipe
    }

    /// What `connection` sends next, as one buffer.
    private static func sent(by connection: inout TLSConnection) throws -> ByteBuffer {
        var bytes = ByteBuffer()
        while let action = try connection.nextAction() {
            guard case .send(var records) = action else {
                Issue.record("unexpected \(action)")
                continue
            }
            bytes.writeBuffer(&records)
        }
        return bytes
    }

    /// Every delivery `connection` makes from `bytes`, and the error it ends with, if any.
    private static func deliveries(
        of bytes: ByteBuffer, to connection: inout TLSConnection
    ) -> (deliveries: [ByteBuffer], error: TLSError?) {
        var bytes = bytes
        connection.receive(&bytes)
        var deliveries: [ByteBuffer] = []
        do {
            while let action = try connection.nextAction() {
                if case .deliver(let data) = action { deliveries.append(data) }
            }
        } catch {
            return (deliveries, TLSError.from(error))
        }
        return (deliveries, nil)
    }

    private static func text(_ deliveries: [ByteBuffer]) -> String {
        deliveries.map { String(buffer: $0) }.joined()
    }

    @Test(arguments: suites)
    func consecutiveRecordsArriveAsOneDelivery(_ suite: CipherSuite) async throws {
        var pipe = try await connectedPipe(suite)
        for word in ["one ", "two ", "three"] { try pipe.client.connection.write(ByteBuffer(string: word)) }
        let records = try Self.sent(by: &pipe.client.connection)
        let (deliveries, error) = Self.deliveries(of: records, to: &pipe.server.connection)
        #expect(error == nil)
        #expect(deliveries.count == 1)
        #expect(Self.text(deliveries) == "one two three")
    }

    @Test func deliveriesStopAtTheCoalescingLimit() async throws {
        var pipe = try await connectedPipe(.tlsAES128GCMSHA256)
        let total = TLSConnection.maximumCoalescedDelivery + 3 * TLSRecord.maximumPlaintextLength + 5
        var payload = ByteBuffer()
        for index in 0..<total { payload.writeInteger(UInt8(truncatingIfNeeded: index * 7)) }
        try pipe.client.connection.write(payload)
        let records = try Self.sent(by: &pipe.client.connection)
        let (deliveries, error) = Self.deliveries(of: records, to: &pipe.server.connection)
        #expect(error == nil)
        #expect(deliveries.count == 2)
        #expect(deliveries.allSatisfy { $0.readableBytes <= TLSConnection.maximumCoalescedDelivery })
        var joined = ByteBuffer()
        for var delivery in deliveries { joined.writeBuffer(&delivery) }
        #expect(joined == payload)
    }

    @Test(arguments: suites)
    func dataBeforeACorruptRecordIsDeliveredThenTheConnectionFails(_ suite: CipherSuite) async throws {
        var pipe = try await connectedPipe(suite)
        for word in ["kept ", "also kept", "lost"] { try pipe.client.connection.write(ByteBuffer(string: word)) }
        var records = try TestRecords.split(try Self.sent(by: &pipe.client.connection))
        var last = records[2].1
        let index = last.writerIndex - 1
        last.setInteger((last.getInteger(at: index, as: UInt8.self) ?? 0) ^ 0x01, at: index)
        records[2].1 = last
        let (deliveries, error) = Self.deliveries(of: TestRecords.join(records), to: &pipe.server.connection)
        #expect(Self.text(deliveries) == "kept also kept")
        #expect(error?.alert == .badRecordMAC)
    }

    @Test func aSessionTicketBetweenDataRecordsKeepsItsPlace() async throws {
        var pipe = try await connectedPipe(.tlsAES128GCMSHA256)
        try pipe.server.connection.write(ByteBuffer(string: "before "))
        try pipe.server.connection.sendSessionTickets(count: 1)
        try pipe.server.connection.write(ByteBuffer(string: "after"))
        let records = try Self.sent(by: &pipe.server.connection)
        let (deliveries, error) = Self.deliveries(of: records, to: &pipe.client.connection)
        #expect(error == nil)
        #expect(deliveries.map { String(buffer: $0) } == ["before ", "after"])
    }
}
