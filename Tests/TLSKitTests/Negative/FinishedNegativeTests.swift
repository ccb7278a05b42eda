import NIOCore
import Testing
@testable import TLSKit

/// A peer's real Finished, changed in one bit or cut short, re-sealed under the keys it was
/// sent with. The TLS 1.3 client's Finished to a server is ServerRejectionTests.clientFinished
/// (a scripted client); TLS12ServerHandshakeTests.badClientFinishedIsRefused has a TLS 1.2
/// client's Finished over another transcript.
@Suite struct FinishedNegativeTests {
    enum Change: CaseIterable, CustomStringConvertible {
        /// The last bit of verify_data flipped.
        case wrong
        /// verify_data one byte short, the message length fixed to match.
        case truncated

        /// `message` (a whole Finished, header included) changed.
        func apply(to message: ByteBuffer) -> ByteBuffer {
            #expect(message.getInteger(at: message.readerIndex, as: UInt8.self) == HandshakeType.finished.rawValue)
            var verifyData = Array(message.readableBytesView.dropFirst(4))
            switch self {
            case .wrong: verifyData[verifyData.count - 1] ^= 0x01
            case .truncated: verifyData.removeLast()
            }
            var changed = ByteBuffer(bytes: [HandshakeType.finished.rawValue])
            changed.writeTLSUInt24(verifyData.count)
            changed.writeBytes(verifyData)
            return changed
        }

        /// RFC 8446, Section 4.4.4 / RFC 5246, Section 7.4.9: verify_data that does not match is
        /// a decrypt_error. RFC 8446, Section 6.2 / RFC 5246, Section 7.2.2: a message whose
        /// length is wrong (verify_data has the fixed length Hash.length, or 12) is a decode_error.
        var alert: AlertDescription {
            switch self {
            case .wrong: .decryptError
            case .truncated: .decodeError
            }
        }

        var description: String { self == .wrong ? "wrong" : "truncated" }
    }

    /// The server's TLS 1.3 Finished, changed: the client refuses it.
    @Test(arguments: Change.allCases)
    func tls13ServerFinished(_ change: Change) throws {
        var exchange = try RawExchange(.tls13)
        try exchange.relay(from: .client)
        let flight = try exchange.flight(of: .server)
        var messages = try RawExchange.handshakeMessages(in: flight.filter(\.isProtected))
        let finished = try #require(messages.last)
        messages.removeLast()
        var encrypted = ByteBuffer()
        for message in messages { encrypted.writeImmutableBuffer(message) }
        encrypted.writeImmutableBuffer(change.apply(to: finished))
        var bytes = TestRecords.join(flight.filter { !$0.isProtected }.map { ($0.type, $0.content) })
        bytes.writeImmutableBuffer(try exchange.seal([(.handshake, encrypted)], as: .server))
        exchange.feed(bytes, to: .client)
        try exchange.expectAlert(change.alert, from: .client, protected: true)
        #expect(exchange.completed.isEmpty)
    }

    /// The client's TLS 1.2 Finished, changed: the server refuses it (in plaintext: it has not
    /// sent its own change_cipher_spec yet).
    @Test(arguments: Change.allCases)
    func tls12ClientFinished(_ change: Change) throws {
        var exchange = try RawExchange(.tls12)
        try exchange.relay(from: .client)
        try exchange.relay(from: .server)
        let flight = try TestRecords.split(try exchange.output(of: .client))
        let finished = try #require(try RawExchange.handshakeMessages(in: exchange.records(sentBy: .client).suffix(1)).first)
        var bytes = TestRecords.join(Array(flight.dropLast()))
        bytes.writeImmutableBuffer(try exchange.seal([(.handshake, change.apply(to: finished))], as: .client))
        exchange.feed(bytes, to: .server)
        try exchange.expectAlert(change.alert, from: .server, protected: false)
        #expect(exchange.completed.isEmpty)
    }

    /// The server's TLS 1.2 Finished, changed: the client refuses it, under its own keys.
    @Test(arguments: Change.allCases)
    func tls12ServerFinished(_ change: Change) throws {
        var exchange = try RawExchange(.tls12)
        try exchange.relay(from: .client)
        try exchange.relay(from: .server)
        try exchange.relay(from: .client)
        let flight = try TestRecords.split(try exchange.output(of: .server))
        #expect(exchange.completed == [.server])
        let finished = try #require(try RawExchange.handshakeMessages(in: exchange.records(sentBy: .server).suffix(1)).first)
        var bytes = TestRecords.join(Array(flight.dropLast()))
        bytes.writeImmutableBuffer(try exchange.seal([(.handshake, change.apply(to: finished))], as: .server))
        exchange.feed(bytes, to: .client)
        try exchange.expectAlert(change.alert, from: .client, protected: true)
        #expect(!exchange.completed.contains(.client))
    }
}
