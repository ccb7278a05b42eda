import NIOCore
import Testing
@testable import TLSKit

/// Handshake messages split across records: accepted alone, refused with other records in
/// between or across a change of keys. The reassembler's unit tests are
/// HandshakeReassemblerTests.
@Suite struct HandshakeFragmentationNegativeTests {
    static let versions: [ProtocolVersion] = [.tls13, .tls12]

    /// What a test puts between two fragments of the ClientHello.
    enum Interloper: CaseIterable, CustomStringConvertible {
        case warningAlert, changeCipherSpec, applicationData

        var record: ByteBuffer {
            switch self {
            case .warningAlert:
                RawExchange.plaintext(.alert, ByteBuffer(bytes: [AlertLevel.warning.rawValue, AlertDescription.userCanceled.rawValue]))
            case .changeCipherSpec: RawExchange.plaintext(.changeCipherSpec, ByteBuffer(bytes: [1]))
            case .applicationData: RawExchange.plaintext(.applicationData, ByteBuffer(string: "GET /"))
            }
        }

        var description: String {
            switch self {
            case .warningAlert: "user_canceled alert"
            case .changeCipherSpec: "change_cipher_spec"
            case .applicationData: "application_data"
            }
        }
    }

    /// The client's ClientHello, and the same message cut into three records.
    private func splitClientHello(_ exchange: inout RawExchange) throws -> [ByteBuffer] {
        let hello = try #require(try TestRecords.split(try exchange.output(of: .client)).first?.1)
        let cuts = [0, 3, hello.readableBytes / 2, hello.readableBytes]
        return (0..<3).map { index in
            RawExchange.plaintext(.handshake, hello.getSlice(at: hello.readerIndex + cuts[index], length: cuts[index + 1] - cuts[index]) ?? ByteBuffer())
        }
    }

    /// RFC 8446, Section 5.1 and RFC 5246, Section 6.2.1: a message may be split over several
    /// records; a ClientHello in three (one cut inside its header) completes the handshake.
    @Test(arguments: versions)
    func clientHelloSplitAcrossThreeRecordsIsAccepted(_ version: ProtocolVersion) throws {
        var exchange = try RawExchange(version)
        for fragment in try splitClientHello(&exchange) { exchange.feed(fragment, to: .server) }
        try exchange.completeHandshake()
        #expect(exchange.client.summary?.version == version)
    }

    /// RFC 8446, Section 5.1: "Handshake messages MUST NOT be interleaved with other record
    /// types": any record between the fragments of the ClientHello is an unexpected_message,
    /// even an alert that alone would be ignored.
    @Test(arguments: Interloper.allCases)
    func clientHelloInterleavedWithAnotherRecordIsUnexpectedMessage(_ interloper: Interloper) throws {
        var exchange = try RawExchange(.tls13)
        let fragments = try splitClientHello(&exchange)
        exchange.feed(fragments[0], to: .server)
        exchange.feed(fragments[1], to: .server)
        exchange.feed(interloper.record, to: .server)
        exchange.feed(fragments[2], to: .server)
        try exchange.expectAlert(.unexpectedMessage, from: .server)
    }

    /// RFC 5246, Section 7.1: change_cipher_spec comes between whole messages; RFC 5246,
    /// Section 7.4.9 (and Section 6): no application data before the Finished messages. A TLS
    /// 1.2 ClientKeyExchange cut by either is an unexpected_message.
    @Test(arguments: [Interloper.changeCipherSpec, .applicationData])
    func tls12ClientKeyExchangeInterleavedWithAnotherRecordIsUnexpectedMessage(_ interloper: Interloper) throws {
        var exchange = try RawExchange(.tls12)
        try exchange.relay(from: .client)
        try exchange.relay(from: .server)
        let flight = try TestRecords.split(try exchange.output(of: .client))
        let keyExchange = try #require(flight.first { $0.0 == .handshake }?.1)
        #expect(keyExchange.getInteger(at: keyExchange.readerIndex, as: UInt8.self) == HandshakeType.clientKeyExchange.rawValue)
        let half = keyExchange.readableBytes / 2
        exchange.feed(RawExchange.plaintext(.handshake, keyExchange.getSlice(at: keyExchange.readerIndex, length: half) ?? ByteBuffer()), to: .server)
        exchange.feed(interloper.record, to: .server)
        exchange.feed(RawExchange.plaintext(.handshake, keyExchange.getSlice(at: keyExchange.readerIndex + half, length: keyExchange.readableBytes - half) ?? ByteBuffer()), to: .server)
        try exchange.expectAlert(.unexpectedMessage, from: .server)
    }

    /// RFC 8446, Section 5.1: "Handshake messages MUST NOT span key changes ... if not, then they
    /// MUST terminate the connection with an unexpected_message alert." The ServerHello with the
    /// first bytes of the next message in its record: the client's keys change after it.
    @Test func serverHelloRecordCarryingTheStartOfTheNextMessageIsUnexpectedMessage() throws {
        var exchange = try RawExchange(.tls13)
        try exchange.relay(from: .client)
        let flight = try exchange.flight(of: .server)
        var first = try #require(flight.first { !$0.isProtected && $0.type == .handshake }?.content)
        let encryptedExtensions = try #require(try RawExchange.handshakeMessages(in: flight.filter(\.isProtected)).first)
        first.writeImmutableBuffer(encryptedExtensions.getSlice(at: encryptedExtensions.readerIndex, length: 3) ?? ByteBuffer())
        exchange.feed(RawExchange.plaintext(.handshake, first), to: .client)
        try exchange.expectAlert(.unexpectedMessage, from: .client)
    }

    /// The same rule on the server: the ClientHello's record carries the first bytes of another
    /// message, and the server's read keys change after the ClientHello. The server's alert is
    /// the one record it sends, in plaintext, since the client has no keys yet.
    @Test func clientHelloRecordCarryingTheStartOfTheNextMessageIsUnexpectedMessage() throws {
        var exchange = try RawExchange(.tls13)
        var hello = try #require(try TestRecords.split(try exchange.output(of: .client)).first?.1)
        hello.writeBytes([HandshakeType.finished.rawValue, 0, 0])
        exchange.feed(RawExchange.plaintext(.handshake, hello), to: .server)
        try exchange.expectAlert(.unexpectedMessage, from: .server)
        #expect(try exchange.records(sentBy: .server).map(\.isProtected) == [false])
    }
}
