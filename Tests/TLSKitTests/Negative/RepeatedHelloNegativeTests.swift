import NIOCore
import Testing
@testable import TLSKit

/// A ClientHello where none may come. Covered elsewhere: a second HelloRetryRequest
/// (ClientHandshakeTests.secondHelloRetryRequestIsUnexpectedMessage), a second ClientHello
/// after a HelloRetryRequest that changes more than it may
/// (ServerHandshakeTests.secondClientHelloThatChangesSuitesIsIllegalParameter,
/// ServerRejectionTests.secondClientHelloWithShareForAnotherGroupIsIllegalParameter), and a
/// TLS 1.2 renegotiation, which the server declines with a no_renegotiation warning and goes on
/// (TLS12ServerHandshakeTests.renegotiationGetsNoRenegotiationWarningAndGoesOn; RFC 5246,
/// Section 7.4.1.2 allows either that or a handshake_failure).
@Suite struct RepeatedHelloNegativeTests {
    /// The client's ClientHello record, and the exchange after the server has answered it.
    private func answeredHello(_ version: ProtocolVersion) throws -> (RawExchange, ByteBuffer) {
        var exchange = try RawExchange(version)
        let hello = try #require(try TestRecords.split(try exchange.relay(from: .client)).first?.1)
        try exchange.relay(from: .server)
        return (exchange, hello)
    }

    /// RFC 8446, Section 4.1.2: a server that has answered a ClientHello (without a
    /// HelloRetryRequest) and receives another "MUST terminate the connection with an
    /// unexpected_message alert". The client's ClientHello again, under its handshake keys.
    @Test func secondClientHelloAfterServerHelloIsUnexpectedMessage() throws {
        var (exchange, hello) = try answeredHello(.tls13)
        exchange.feed(try exchange.seal([(.handshake, hello)], as: .client, keys: .handshake), to: .server)
        try exchange.expectAlert(.unexpectedMessage, from: .server, protected: true)
    }

    /// The same ClientHello sent again in plaintext: after the ServerHello only protected
    /// records may come (RFC 8446, Section 5), so it is an unexpected_message too.
    @Test func secondPlaintextClientHelloAfterServerHelloIsUnexpectedMessage() throws {
        var (exchange, hello) = try answeredHello(.tls13)
        exchange.feed(RawExchange.plaintext(.handshake, hello), to: .server)
        try exchange.expectAlert(.unexpectedMessage, from: .server, protected: true)
    }

    /// RFC 8446, Section 4.1.2: "Because TLS 1.3 forbids renegotiation, if a server has
    /// negotiated TLS 1.3 and receives a ClientHello at any other time, it MUST terminate the
    /// connection with an unexpected_message alert."
    @Test func clientHelloAfterTheTLS13HandshakeIsUnexpectedMessage() throws {
        var (exchange, hello) = try answeredHello(.tls13)
        try exchange.completeHandshake()
        exchange.feed(try exchange.seal([(.handshake, hello)], as: .client, keys: .traffic), to: .server)
        try exchange.expectAlert(.unexpectedMessage, from: .server, protected: true)
    }

    /// RFC 8446, Section 4.1.4: after a HelloRetryRequest the server answers exactly one more
    /// ClientHello; a third one, after its ServerHello, is an unexpected_message.
    @Test func thirdClientHelloAfterHelloRetryRequestIsUnexpectedMessage() throws {
        var exchange = try RawExchange(
            .tls13, client: { $0.keyShareGroups = [.secp256r1] }, server: { $0.supportedGroups = [.x25519] })
        try exchange.relay(from: .client)
        let retry = try exchange.relay(from: .server)
        #expect(try TestRecords.split(retry).allSatisfy { $0.0 != .applicationData }, "no HelloRetryRequest")
        let second = try #require(try TestRecords.split(try exchange.relay(from: .client)).last?.1)
        try exchange.relay(from: .server)
        exchange.feed(try exchange.seal([(.handshake, second)], as: .client, keys: .handshake), to: .server)
        try exchange.expectAlert(.unexpectedMessage, from: .server, protected: true)
    }

    /// RFC 5246, Section 7.4: the handshake messages come in the order it gives; a second
    /// ClientHello while the server waits for the ClientKeyExchange is an unexpected_message.
    @Test func tls12SecondClientHelloBeforeClientKeyExchangeIsUnexpectedMessage() throws {
        var (exchange, hello) = try answeredHello(.tls12)
        exchange.feed(RawExchange.plaintext(.handshake, hello), to: .server)
        try exchange.expectAlert(.unexpectedMessage, from: .server, protected: false)
    }
}
