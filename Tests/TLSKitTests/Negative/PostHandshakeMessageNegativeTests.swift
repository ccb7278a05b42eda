import NIOCore
import Testing
@testable import TLSKit

/// TLS 1.3's post-handshake messages where they may not come. The KeyUpdate codec's refusal of
/// other request values is MessageRejectionTests.keyUpdateValuesOtherThanZeroOrOneAreIllegalParameter;
/// a HelloRequest from a TLS 1.2 client is TLS12ServerHandshakeTests.helloRequestFromTheClientIsUnexpectedMessage.
@Suite struct PostHandshakeMessageNegativeTests {
    /// KeyUpdate(update_not_requested), or with another request value.
    static func keyUpdate(_ request: UInt8 = 0) -> ByteBuffer {
        ByteBuffer(bytes: [HandshakeType.keyUpdate.rawValue, 0, 0, 1, request])
    }

    /// A NewSessionTicket: lifetime 3600 s, age_add 0, a 1-byte nonce, a 4-byte ticket, no
    /// extensions.
    static let newSessionTicket = ByteBuffer(bytes: [
        HandshakeType.newSessionTicket.rawValue, 0, 0, 18, 0, 0, 0x0E, 0x10, 0, 0, 0, 0, 1, 0, 0, 4, 1, 2, 3, 4, 0, 0,
    ])

    /// RFC 8446, Section 4.6.3: "Implementations that receive a KeyUpdate message prior to
    /// receiving a Finished message MUST terminate the connection with an unexpected_message
    /// alert." From the client, under its handshake keys, before its Finished.
    @Test func keyUpdateBeforeTheClientsFinishedIsUnexpectedMessage() throws {
        var exchange = try RawExchange(.tls13)
        try exchange.relay(from: .client)
        try exchange.output(of: .server)
        exchange.feed(try exchange.seal([(.handshake, Self.keyUpdate())], as: .client), to: .server)
        try exchange.expectAlert(.unexpectedMessage, from: .server, protected: true)
    }

    /// The server's encrypted flight with `message` in place of its Finished, for the client.
    private func serverFlight(finishedReplacedBy message: ByteBuffer) throws -> RawExchange {
        var exchange = try RawExchange(.tls13)
        try exchange.relay(from: .client)
        let flight = try exchange.flight(of: .server)
        let messages = try RawExchange.handshakeMessages(in: flight.filter(\.isProtected))
        #expect(messages.count == 4)
        var encrypted = ByteBuffer()
        for sent in messages.dropLast() { encrypted.writeImmutableBuffer(sent) }
        encrypted.writeImmutableBuffer(message)
        var bytes = TestRecords.join(flight.filter { !$0.isProtected }.map { ($0.type, $0.content) })
        bytes.writeImmutableBuffer(try exchange.seal([(.handshake, encrypted)], as: .server))
        exchange.feed(bytes, to: .client)
        return exchange
    }

    /// RFC 8446, Section 4.6.3, the same from the server: a KeyUpdate where its Finished belongs.
    @Test func keyUpdateBeforeTheServersFinishedIsUnexpectedMessage() throws {
        var exchange = try serverFlight(finishedReplacedBy: Self.keyUpdate())
        try exchange.expectAlert(.unexpectedMessage, from: .client, protected: true)
    }

    /// RFC 8446, Section 4.6.1: the server sends NewSessionTicket after it has received the
    /// client's Finished; one where its own Finished belongs is out of order: unexpected_message
    /// (Section 4: messages in the order the handshake gives).
    @Test func newSessionTicketBeforeTheServersFinishedIsUnexpectedMessage() throws {
        var exchange = try serverFlight(finishedReplacedBy: Self.newSessionTicket)
        try exchange.expectAlert(.unexpectedMessage, from: .client, protected: true)
    }

    /// RFC 8446, Section 4.6.1: only servers send NewSessionTicket; one from the client after
    /// the handshake is an unexpected_message.
    @Test func newSessionTicketFromTheClientIsUnexpectedMessage() throws {
        var exchange = try RawExchange(.tls13)
        try exchange.completeHandshake()
        exchange.feed(try exchange.seal([(.handshake, Self.newSessionTicket)], as: .client, keys: .traffic), to: .server)
        try exchange.expectAlert(.unexpectedMessage, from: .server, protected: true)
    }

    /// RFC 8446, Section 4.6.3: a request_update other than 0 or 1 "MUST terminate the
    /// connection with an illegal_parameter alert", here as the connection receives it.
    @Test func keyUpdateWithAnUnknownRequestIsIllegalParameter() throws {
        var exchange = try RawExchange(.tls13)
        try exchange.completeHandshake()
        exchange.feed(try exchange.seal([(.handshake, Self.keyUpdate(2))], as: .client, keys: .traffic), to: .server)
        try exchange.expectAlert(.illegalParameter, from: .server, protected: true)
    }

    /// TLS 1.2 has no KeyUpdate (RFC 5246, Section 7.4): one after the handshake is an
    /// unexpected_message.
    @Test func keyUpdateInTLS12IsUnexpectedMessage() throws {
        var exchange = try RawExchange(.tls12)
        try exchange.completeHandshake()
        exchange.feed(try exchange.seal([(.handshake, Self.keyUpdate())], as: .client, from: 1), to: .server)
        try exchange.expectAlert(.unexpectedMessage, from: .server, protected: true)
    }
}
