import NIOCore
import Testing
@testable import TLSKit

/// Application data before the sender's Finished, in both directions. Data before the
/// ServerHello is ClientHandshakeTests.applicationDataBeforeHandshakeIsUnexpectedMessage; 0-RTT
/// data a server did not accept is in EarlyDataTests.
@Suite struct EarlyApplicationDataNegativeTests {
    static let data = ByteBuffer(string: "GET / HTTP/1.1\r\n\r\n")

    /// A TLS 1.3 pair where the server has sent its flight and the client has not answered.
    private func tls13AfterServerFlight() throws -> (RawExchange, [SentRecord]) {
        var exchange = try RawExchange(.tls13)
        try exchange.relay(from: .client)
        let flight = try exchange.flight(of: .server)
        return (exchange, flight)
    }

    /// RFC 8446, Sections 2 and 4.4.4: application data flows only after Finished (0-RTT aside,
    /// which the client did not offer); RFC 8446, Section 5: an unexpected record type is an
    /// unexpected_message. Here under the client's handshake keys, before its Finished.
    @Test func tls13ClientDataUnderHandshakeKeysBeforeFinishedIsUnexpectedMessage() throws {
        var (exchange, _) = try tls13AfterServerFlight()
        exchange.feed(try exchange.seal([(.applicationData, Self.data)], as: .client, keys: .handshake), to: .server)
        try exchange.expectAlert(.unexpectedMessage, from: .server, protected: true)
    }

    /// RFC 8446, Section 5.2: under the client's application keys, which the server does not
    /// read with before the client's Finished, the record fails to open: bad_record_mac.
    @Test func tls13ClientDataUnderTrafficKeysBeforeFinishedIsBadRecordMAC() throws {
        var (exchange, _) = try tls13AfterServerFlight()
        exchange.feed(try exchange.seal([(.applicationData, Self.data)], as: .client, keys: .traffic), to: .server)
        try exchange.expectAlert(.badRecordMAC, from: .server, protected: true)
    }

    /// RFC 8446, Sections 4.4.4 and 5: application data from the server between its
    /// CertificateVerify and its Finished is an unexpected_message for the client.
    @Test func tls13ServerDataBeforeFinishedIsUnexpectedMessage() throws {
        var (exchange, flight) = try tls13AfterServerFlight()
        let messages = try RawExchange.handshakeMessages(in: flight.filter(\.isProtected))
        #expect(messages.count == 4)
        var beforeFinished = ByteBuffer()
        for message in messages.dropLast() { beforeFinished.writeImmutableBuffer(message) }
        var bytes = TestRecords.join(flight.filter { !$0.isProtected }.map { ($0.type, $0.content) })
        bytes.writeImmutableBuffer(try exchange.seal([(.handshake, beforeFinished), (.applicationData, Self.data)], as: .server))
        exchange.feed(bytes, to: .client)
        try exchange.expectAlert(.unexpectedMessage, from: .client, protected: true)
    }

    /// RFC 5246, Section 7.4.9: application data only after the Finished messages; RFC 5246,
    /// Section 6: an unexpected record type is an unexpected_message. The client's data instead
    /// of its Finished, in plaintext before its change_cipher_spec or protected after it.
    @Test(arguments: [false, true])
    func tls12ClientDataBeforeFinishedIsUnexpectedMessage(_ afterChangeCipherSpec: Bool) throws {
        var exchange = try RawExchange(.tls12)
        try exchange.relay(from: .client)
        try exchange.relay(from: .server)
        let flight = try TestRecords.split(try exchange.output(of: .client))
        #expect(flight.map(\.0) == [.handshake, .changeCipherSpec, .handshake])
        if afterChangeCipherSpec {
            var bytes = TestRecords.join(Array(flight.prefix(2)))
            bytes.writeImmutableBuffer(try exchange.seal([(.applicationData, Self.data)], as: .client))
            exchange.feed(bytes, to: .server)
        } else {
            exchange.feed(TestRecords.join([flight[0], (.applicationData, Self.data)]), to: .server)
        }
        try exchange.expectAlert(.unexpectedMessage, from: .server, protected: false)
    }

    /// The same from a TLS 1.2 server: data after its ServerHelloDone, or protected after its
    /// change_cipher_spec instead of its Finished, is an unexpected_message for the client.
    @Test(arguments: [false, true])
    func tls12ServerDataBeforeFinishedIsUnexpectedMessage(_ afterChangeCipherSpec: Bool) throws {
        var exchange = try RawExchange(.tls12)
        try exchange.relay(from: .client)
        if !afterChangeCipherSpec {
            var bytes = try exchange.output(of: .server)
            bytes.writeImmutableBuffer(RawExchange.plaintext(.applicationData, Self.data))
            exchange.feed(bytes, to: .client)
            try exchange.expectAlert(.unexpectedMessage, from: .client, protected: true)
            return
        }
        try exchange.relay(from: .server)
        try exchange.relay(from: .client)
        let flight = try TestRecords.split(try exchange.output(of: .server))
        let changeCipherSpec = try #require(flight.firstIndex { $0.0 == .changeCipherSpec })
        var bytes = TestRecords.join(Array(flight[...changeCipherSpec]))
        bytes.writeImmutableBuffer(try exchange.seal([(.applicationData, Self.data)], as: .server))
        exchange.feed(bytes, to: .client)
        try exchange.expectAlert(.unexpectedMessage, from: .client, protected: true)
    }
}
