import NIOCore
import Testing
@testable import TLSKit

/// Records of a content type that does not belong where it arrives. The deframer's unit test
/// for unknown types is RecordDeframerTests.unknownContentTypeIsUnexpected; the client's
/// refusal of plaintext handshake records after the ServerHello is
/// ClientHandshakeTests.acceptedServerHelloSwitchesToEncryptedRecords.
@Suite struct ContentTypeNegativeTests {
    static let versions: [ProtocolVersion] = [.tls13, .tls12]
    /// heartbeat (RFC 6520), which TLSKit does not speak, and a type nobody assigned.
    static let unknownTypes: [UInt8] = [24, 99]

    private func connected(_ version: ProtocolVersion) throws -> RawExchange {
        var exchange = try RawExchange(version)
        try exchange.completeHandshake()
        return exchange
    }

    /// RFC 8446, Section 5 and RFC 5246, Section 6: a record of an unexpected type is an
    /// unexpected_message; here as the first thing a server gets.
    @Test(arguments: versions, unknownTypes)
    func unknownContentTypeBeforeTheClientHelloIsUnexpectedMessage(_ version: ProtocolVersion, _ type: UInt8) throws {
        var exchange = try RawExchange(version)
        exchange.feed(RawExchange.plaintext(ContentType(rawValue: type), ByteBuffer(bytes: [1, 0, 0, 0])), to: .server)
        try exchange.expectAlert(.unexpectedMessage, from: .server, protected: false)
    }

    /// RFC 8446, Section 5 and RFC 5246, Section 6: the same once connected; the alert goes
    /// out under the traffic keys.
    @Test(arguments: versions, unknownTypes)
    func unknownOuterContentTypeAfterTheHandshakeIsUnexpectedMessage(_ version: ProtocolVersion, _ type: UInt8) throws {
        var exchange = try connected(version)
        exchange.feed(RawExchange.plaintext(ContentType(rawValue: type), ByteBuffer(repeating: 0, count: 40)), to: .server)
        try exchange.expectAlert(.unexpectedMessage, from: .server, protected: true)
    }

    /// RFC 8446, Section 5: the inner content type of a protected record is one of the known
    /// types; another, correctly sealed, is an unexpected_message.
    @Test(arguments: unknownTypes)
    func unknownInnerContentTypeIsUnexpectedMessage(_ type: UInt8) throws {
        var exchange = try connected(.tls13)
        let record = try exchange.seal([(ContentType(rawValue: type), ByteBuffer(bytes: [1, 2, 3]))], as: .client, keys: .traffic)
        exchange.feed(record, to: .server)
        try exchange.expectAlert(.unexpectedMessage, from: .server, protected: true)
    }

    /// RFC 8446, Section 5: "An implementation which receives ... a protected
    /// change_cipher_spec record MUST abort the handshake with an unexpected_message alert."
    @Test func protectedChangeCipherSpecIsUnexpectedMessage() throws {
        var exchange = try connected(.tls13)
        exchange.feed(try exchange.seal([(.changeCipherSpec, ByteBuffer(bytes: [1]))], as: .client, keys: .traffic), to: .server)
        try exchange.expectAlert(.unexpectedMessage, from: .server, protected: true)
    }

    /// RFC 8446, Section 5: a change_cipher_spec after the peer's Finished is an unexpected
    /// record type; RFC 5246, Section 7.1: in TLS 1.2 it belongs only before Finished.
    @Test(arguments: versions)
    func changeCipherSpecAfterTheHandshakeIsUnexpectedMessage(_ version: ProtocolVersion) throws {
        var exchange = try connected(version)
        exchange.feed(RawExchange.plaintext(.changeCipherSpec, ByteBuffer(bytes: [1])), to: .server)
        try exchange.expectAlert(.unexpectedMessage, from: .server, protected: true)
    }

    /// RFC 8446, Section 5: once the server has sent its ServerHello, everything from the
    /// client but change_cipher_spec is protected; the client's Finished in a plaintext
    /// handshake record is an unexpected_message.
    @Test func plaintextFinishedAfterTheServerHelloIsUnexpectedMessage() throws {
        var exchange = try RawExchange(.tls13)
        try exchange.relay(from: .client)
        try exchange.relay(from: .server)
        let flight = try exchange.flight(of: .client)
        let finished = try #require(try RawExchange.handshakeMessages(in: flight).last)
        #expect(finished.getInteger(at: finished.readerIndex, as: UInt8.self) == HandshakeType.finished.rawValue)
        exchange.feed(RawExchange.plaintext(.handshake, finished), to: .server)
        try exchange.expectAlert(.unexpectedMessage, from: .server, protected: true)
    }

    /// RFC 5246, Section 6.2.3.3: the content type is authenticated; the client's Finished
    /// record relabelled as application_data does not open: bad_record_mac.
    @Test func tls12FinishedRelabelledAsApplicationDataIsBadRecordMAC() throws {
        var exchange = try RawExchange(.tls12)
        try exchange.relay(from: .client)
        try exchange.relay(from: .server)
        var records = try TestRecords.split(try exchange.output(of: .client))
        let last = try #require(records.last)
        records.removeLast()
        #expect(last.0 == .handshake)
        records.append((.applicationData, last.1))
        exchange.feed(TestRecords.join(records), to: .server)
        try exchange.expectAlert(.badRecordMAC, from: .server, protected: false)
    }
}
