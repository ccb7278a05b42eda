import NIOCore
import Testing
@testable import TLSKit

/// KeyUpdate (RFC 8446, Section 4.6.3): on request, and automatically by record count (Section 5.5).
@Suite struct KeyUpdateTests {
    private func connectedPipe(
        clientThreshold: UInt64 = 1 << 40, serverThreshold: UInt64 = 1 << 40, suite: CipherSuite = .tlsAES128GCMSHA256
    ) async throws -> ConnectionPipe {
        let fixture = try ServerTestPKI.get()
        var client = fixture.clientConfiguration()
        client.cipherSuites = [suite]
        client.keyUpdateRecordThreshold = clientThreshold
        var server = try fixture.serverConfiguration()
        server.keyUpdateRecordThreshold = serverThreshold
        // No session tickets: the tests count the records under each key.
        server.ticketCount = 0
        var pipe = try ConnectionPipe(client: client, server: server)
        try await pipe.handshake()
        return pipe
    }

    /// `count` records of distinct bytes, written one record per call.
    private static func payload(_ index: Int) -> ByteBuffer { ByteBuffer(string: "record \(index);") }

    private static func expected(_ range: Range<Int>) -> ByteBuffer {
        var buffer = ByteBuffer()
        for index in range { buffer.writeString("record \(index);") }
        return buffer
    }

    @Test func explicitUpdatesInBothDirectionsKeepDataFlowing() async throws {
        var pipe = try await connectedPipe()
        try pipe.client.connection.write(Self.payload(0))
        try pipe.client.connection.updateKeys(requestPeerUpdate: true)
        try pipe.client.connection.write(Self.payload(1))
        try await pipe.run()
        try pipe.server.connection.write(Self.payload(2))
        try pipe.server.connection.updateKeys()
        try pipe.server.connection.write(Self.payload(3))
        try await pipe.run()
        #expect(pipe.client.error == nil && pipe.server.error == nil)
        #expect(pipe.server.received == Self.expected(0..<2))
        var expectedClient = ByteBuffer()
        expectedClient.writeImmutableBuffer(Self.payload(2))
        expectedClient.writeImmutableBuffer(Self.payload(3))
        #expect(pipe.client.received == expectedClient)
        // Each last record went out under a fresh key (without the updates the counts would be 2+).
        #expect(pipe.client.connection.recordLayer.writeProtection?.sequenceNumber == 1)
        #expect(pipe.server.connection.recordLayer.readProtection?.sequenceNumber == 1)
        #expect(pipe.server.connection.recordLayer.writeProtection?.sequenceNumber == 1)
        #expect(pipe.client.connection.recordLayer.readProtection?.sequenceNumber == 1)
    }

    /// Requests that arrive while the server has sent nothing since its last KeyUpdate get no
    /// further answer (RFC 8446, Section 4.6.3: one update before the next record; BoGo's
    /// KeyUpdate-Requested); a request after the server has written is answered again.
    @Test func requestsWhileSilentGetOneAnswer() async throws {
        final class RecordCount { var value = 0 }
        let serverRecords = RecordCount()
        var pipe = try await connectedPipe()
        pipe.serverToClient = { bytes in
            serverRecords.value += try TestRecords.split(bytes).count
            return bytes
        }
        for _ in 0..<3 { try pipe.client.connection.updateKeys(requestPeerUpdate: true) }
        try await pipe.run()
        #expect(serverRecords.value == 1, "one KeyUpdate for three requests")
        try pipe.server.connection.write(Self.payload(0))
        try pipe.client.connection.updateKeys(requestPeerUpdate: true)
        try pipe.client.connection.write(Self.payload(1))
        try await pipe.run()
        #expect(serverRecords.value == 3, "the data, then a KeyUpdate for the request after it")
        try pipe.server.connection.write(Self.payload(2))
        try await pipe.run()
        #expect(pipe.client.error == nil && pipe.server.error == nil)
        #expect(pipe.server.received == Self.payload(1))
        var expectedClient = Self.payload(0)
        expectedClient.writeImmutableBuffer(Self.payload(2))
        #expect(pipe.client.received == expectedClient)
    }

    @Test(arguments: CipherSuite.tls13Suites)
    func writerUpdatesItsKeysAfterTheThreshold(_ suite: CipherSuite) async throws {
        var pipe = try await connectedPipe(clientThreshold: 4, suite: suite)
        for index in 0..<10 {
            try pipe.client.connection.write(Self.payload(index))
        }
        try await pipe.run()
        #expect(pipe.client.error == nil && pipe.server.error == nil)
        #expect(pipe.server.received == Self.expected(0..<10))
        // Keys 1 and 2 sealed 4 records and the KeyUpdate each; key 3 has sealed 2 so far.
        #expect(pipe.client.connection.recordLayer.writeProtection?.sequenceNumber == 2)
        #expect(pipe.server.connection.recordLayer.readProtection?.sequenceNumber == 2)

        // The other direction still works, under the server's unchanged keys.
        try pipe.server.connection.write(ByteBuffer(string: "reply"))
        try await pipe.run()
        #expect(pipe.client.received == ByteBuffer(string: "reply"))
    }

    @Test func oneLargeWriteIsSplitAcrossKeyUpdates() async throws {
        var pipe = try await connectedPipe(serverThreshold: 3)
        var large = ByteBuffer()
        for index in 0..<(7 * 16384 + 100) { large.writeInteger(UInt8(truncatingIfNeeded: index)) }
        try pipe.server.connection.write(large)
        try await pipe.run()
        #expect(pipe.client.error == nil && pipe.server.error == nil)
        #expect(pipe.client.received == large)
        // 8 records: 3 + KeyUpdate, 3 + KeyUpdate, 2.
        #expect(pipe.server.connection.recordLayer.writeProtection?.sequenceNumber == 2)
        #expect(pipe.client.connection.recordLayer.readProtection?.sequenceNumber == 2)
    }

    @Test func readerAsksThePeerToUpdateAfterTheThreshold() async throws {
        var pipe = try await connectedPipe(serverThreshold: 4)
        for index in 0..<10 {
            try pipe.client.connection.write(Self.payload(index))
        }
        try await pipe.run()
        // The server asked once (at record 4) and updated its own keys with the request; the
        // client answered with a KeyUpdate under its first key (record 11).
        #expect(pipe.server.connection.recordLayer.writeProtection?.sequenceNumber == 0)
        #expect(pipe.client.connection.recordLayer.writeProtection?.sequenceNumber == 0)
        for index in 10..<13 {
            try pipe.client.connection.write(Self.payload(index))
        }
        try pipe.server.connection.write(ByteBuffer(string: "reply"))
        try await pipe.run()
        #expect(pipe.client.error == nil && pipe.server.error == nil)
        #expect(pipe.server.received == Self.expected(0..<13))
        #expect(pipe.client.received == ByteBuffer(string: "reply"))
        #expect(pipe.server.connection.recordLayer.readProtection?.sequenceNumber == 3)
    }

    @Test func aPeerBeyondTheRecordLimitIsDisconnected() async throws {
        var pipe = try await connectedPipe()
        pipe.server.connection.readRecordLimitForTesting = 5
        // The server's current read key was installed before the override; a fresh key follows
        // the client's KeyUpdate, and it gets the lowered limit.
        try pipe.client.connection.updateKeys()
        for index in 0..<5 {
            try pipe.client.connection.write(Self.payload(index))
        }
        try await pipe.run()
        #expect(pipe.server.error == nil)
        #expect(pipe.server.received == Self.expected(0..<5))
        try pipe.client.connection.write(Self.payload(5))
        try await pipe.run()
        let error = try #require(pipe.server.error)
        #expect(error.code == .peerMisbehaved)
        #expect(error.reason.contains("KeyUpdate"), "\(error)")
        #expect(pipe.client.error?.code == .alertReceived)
    }

    @Test func recordProtectionRefusesToSealBeyondItsLimit() throws {
        let parameters = try #require(CipherSuiteParameters.tls13(.tlsAES128GCMSHA256))
        #expect(AEADRecordLimits.hardLimit(for: .aes128GCM) == 23_726_566)
        #expect(AEADRecordLimits.hardLimit(for: .chaCha20Poly1305) == UInt64.max)
        #expect(AEADRecordLimits.defaultUpdateThreshold < AEADRecordLimits.aesGCMHardLimit)
        var protection = TLS13RecordProtection(parameters: parameters, trafficSecret: .init(size: .bits256))
        protection.recordLimit = 2
        var output = ByteBuffer()
        try protection.seal(contentType: .applicationData, plaintext: ByteBuffer(string: "a"), into: &output)
        try protection.seal(contentType: .applicationData, plaintext: ByteBuffer(string: "b"), into: &output)
        #expect(throws: TLSError.self) {
            try protection.seal(contentType: .applicationData, plaintext: ByteBuffer(string: "c"), into: &output)
        }
    }

    @Test func updatingKeysBeforeTheHandshakeIsAnInvalidState() throws {
        let fixture = try ServerTestPKI.get()
        var client = try TLSConnection(configuration: fixture.clientConfiguration(), serverName: "localhost")
        let error = #expect(throws: TLSError.self) { try client.updateKeys() }
        #expect(error?.code == .invalidState)
    }
}
