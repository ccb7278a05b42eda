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
                RawExchange.plaintext(
                    .alert, ByteBuffer(bytes: [AlertLevel.warning.rawValue, AlertDescription.userCanceled.rawValue]))
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
        let (first, rest) = RawExchange.cut(hello, at: 3)
        let (second, third) = RawExchange.cut(rest, at: hello.readableBytes / 2)
        return [first, second, third].map { RawExchange.plaintext(.handshake, $0) }
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
    /// even an alert that alone would be ignored. (A ClientHello is read by the TLS 1.3 rules
    /// whatever version it ends up negotiating.)
    @Test(arguments: Interloper.allCases)
    func clientHelloInterleavedWithAnotherRecordIsUnexpectedMessage(_ interloper: Interloper) throws {
        var exchange = try RawExchange(.tls13)
        let fragments = try splitClientHello(&exchange)
        exchange.feed(fragments[0], to: .server)
        exchange.feed(fragments[1], to: .server)
        exchange.feed(interloper.record, to: .server)
        exchange.feed(fragments[2], to: .server)
        try exchange.expectAlert(.unexpectedMessage, from: .server, protected: false)
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
        #expect(keyExchange.readableBytesView.first == HandshakeType.clientKeyExchange.rawValue)
        let (head, tail) = RawExchange.cut(keyExchange, at: keyExchange.readableBytes / 2)
        exchange.feed(RawExchange.plaintext(.handshake, head), to: .server)
        exchange.feed(interloper.record, to: .server)
        exchange.feed(RawExchange.plaintext(.handshake, tail), to: .server)
        try exchange.expectAlert(.unexpectedMessage, from: .server, protected: false)
    }

    /// The server's TLS 1.3 flight with its Certificate cut in two protected records, and what
    /// comes between them (nothing, or `interloper`: sealed, or in plaintext for the
    /// change_cipher_spec), for the client.
    private func tls13ServerFlightWithCertificateSplit(_ interloper: Interloper?) throws -> RawExchange {
        var exchange = try RawExchange(.tls13)
        try exchange.relay(from: .client)
        let flight = try exchange.flight(of: .server)
        let messages = try RawExchange.handshakeMessages(in: flight.filter(\.isProtected))
        #expect(messages.count == 4)
        var all = ByteBuffer()
        for message in messages { all.writeImmutableBuffer(message) }
        // Inside the Certificate: after EncryptedExtensions and half of the Certificate.
        let cut = messages[0].readableBytes + messages[1].readableBytes / 2
        let (head, tail) = RawExchange.cut(all, at: cut)
        var bytes = TestRecords.join(flight.filter { !$0.isProtected }.map { ($0.type, $0.content) })
        switch interloper {
        case nil:
            bytes.writeImmutableBuffer(try exchange.seal([(.handshake, head), (.handshake, tail)], as: .server))
        case .changeCipherSpec:
            bytes.writeImmutableBuffer(try exchange.seal([(.handshake, head)], as: .server))
            bytes.writeImmutableBuffer(Interloper.changeCipherSpec.record)
            bytes.writeImmutableBuffer(try exchange.seal([(.handshake, tail)], as: .server, from: 1))
        case .warningAlert, .applicationData:
            let record = try #require(try TestRecords.split(interloper?.record ?? ByteBuffer()).first)
            bytes.writeImmutableBuffer(try exchange.seal([(.handshake, head), record, (.handshake, tail)], as: .server))
        }
        exchange.feed(bytes, to: .client)
        return exchange
    }

    /// RFC 8446, Section 5.1: a message may be split across protected records too; the
    /// client completes the handshake.
    @Test func tls13CertificateSplitAcrossProtectedRecordsIsAccepted() throws {
        var exchange = try tls13ServerFlightWithCertificateSplit(nil)
        try exchange.completeHandshake()
    }

    /// RFC 8446, Section 5.1: no other record between the fragments, protected or not (the
    /// change_cipher_spec the client would otherwise ignore, Appendix D.4): unexpected_message.
    @Test(arguments: Interloper.allCases)
    func tls13CertificateInterleavedWithAnotherRecordIsUnexpectedMessage(_ interloper: Interloper) throws {
        var exchange = try tls13ServerFlightWithCertificateSplit(interloper)
        try exchange.expectAlert(.unexpectedMessage, from: .client, protected: true)
    }

    /// The TLS 1.2 server's first flight with its Certificate cut in two records and
    /// `alert` between them, for the client.
    private func tls12CertificateSplitByAlert(_ alert: [UInt8]) throws -> RawExchange {
        var exchange = try RawExchange(.tls12)
        try exchange.relay(from: .client)
        let messages = try RawExchange.handshakeMessages(in: try exchange.flight(of: .server))
        #expect(messages.count == 4)
        let (head, tail) = RawExchange.cut(messages[1], at: messages[1].readableBytes / 2)
        var records: [(ContentType, ByteBuffer)] = [(.handshake, messages[0]), (.handshake, head)]
        records += [(.alert, ByteBuffer(bytes: alert)), (.handshake, tail)]
        records += messages[2...].map { (.handshake, $0) }
        exchange.feed(TestRecords.join(records), to: .client)
        return exchange
    }

    /// RFC 5246, Section 6.2.1: in TLS 1.2 "data of different TLS record layer content types
    /// MAY be interleaved": a warning alert between two fragments of the Certificate is taken
    /// as it comes (user_canceled, which TLSKit ignores) and the handshake completes.
    @Test func tls12CertificateInterleavedWithAWarningAlertCompletes() throws {
        let warning = [AlertLevel.warning.rawValue, AlertDescription.userCanceled.rawValue]
        var exchange = try tls12CertificateSplitByAlert(warning)
        try exchange.completeHandshake()
    }

    /// The same with a fatal alert between the fragments: it ends the connection as any fatal
    /// alert does (RFC 5246, Section 7.2.2), reported as received.
    @Test func tls12CertificateInterleavedWithAFatalAlertIsReported() throws {
        var exchange = try tls12CertificateSplitByAlert(Array(RawExchange.fatal(.accessDenied).readableBytesView))
        try exchange.expectAlertReceived(.accessDenied, by: .client)
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
        first.writeImmutableBuffer(RawExchange.cut(encryptedExtensions, at: 3).head)
        exchange.feed(RawExchange.plaintext(.handshake, first), to: .client)
        try exchange.expectAlert(.unexpectedMessage, from: .client, protected: false)
    }

    /// The same rule on the server: the ClientHello's record carries the first bytes of another
    /// message, and the server's read keys change after the ClientHello. The server's alert is
    /// the one record it sends, in plaintext, since the client has no keys yet.
    @Test func clientHelloRecordCarryingTheStartOfTheNextMessageIsUnexpectedMessage() throws {
        var exchange = try RawExchange(.tls13)
        var hello = try #require(try TestRecords.split(try exchange.output(of: .client)).first?.1)
        hello.writeBytes([HandshakeType.finished.rawValue, 0, 0])
        exchange.feed(RawExchange.plaintext(.handshake, hello), to: .server)
        try exchange.expectAlert(.unexpectedMessage, from: .server, protected: false)
        #expect(try exchange.records(sentBy: .server).map(\.isProtected) == [false])
    }
}
