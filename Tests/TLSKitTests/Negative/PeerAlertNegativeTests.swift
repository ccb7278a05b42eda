import NIOCore
import Testing
@testable import TLSKit

/// A fatal alert from the peer at each step of the handshake and once connected, sealed the
/// way the peer would send it then. RFC 8446, Section 6.2 and RFC 5246, Section 7.2.2: on a
/// fatal alert the connection is closed at once; TLSKit reports `alertReceived` with the
/// peer's description, sends nothing in answer, and stays closed. The alert before the
/// ServerHello is ClientHandshakeTests.fatalAlertFromServerIsReportedAndNotAnswered.
@Suite struct PeerAlertNegativeTests {
    static let alert = AlertDescription.handshakeFailure

    enum TLS13ClientStep: CaseIterable {
        case expectEncryptedExtensions, expectCertificate, expectCertificateVerify, expectFinished, connected
    }

    enum TLS13ServerStep: CaseIterable {
        case expectClientHello, expectSecondClientHello, expectFinished, connected
    }

    enum TLS12ClientStep: CaseIterable {
        case expectCertificate, expectServerKeyExchange, expectServerHelloDone, expectChangeCipherSpec, expectFinished, connected
    }

    enum TLS12ServerStep: CaseIterable {
        case expectClientHello, expectClientKeyExchange, expectChangeCipherSpec, expectFinished, connected
    }

    /// Each step's alert reaches a TLS 1.3 client: after the ServerHello and the first
    /// `index` encrypted messages of the server, under the server's handshake keys; once
    /// connected, under its traffic keys.
    @Test(arguments: TLS13ClientStep.allCases)
    func tls13ClientReportsTheServersAlert(_ step: TLS13ClientStep) throws {
        var exchange = try RawExchange(.tls13)
        try exchange.relay(from: .client)
        let bytes = try exchange.output(of: .server)
        let alert: ByteBuffer
        if let index = TLS13ClientStep.allCases.firstIndex(of: step), step != .connected {
            let flight = try exchange.opened(bytes, sentBy: .server)
            let messages = try RawExchange.handshakeMessages(in: flight.filter(\.isProtected))
            #expect(messages.count == 4, "EncryptedExtensions, Certificate, CertificateVerify, Finished")
            var prefix = TestRecords.join(flight.filter { !$0.isProtected }.map { ($0.type, $0.content) })
            if index > 0 {
                var sent = ByteBuffer()
                for message in messages.prefix(index) { sent.writeImmutableBuffer(message) }
                prefix.writeImmutableBuffer(try exchange.seal([(.handshake, sent)], as: .server))
            }
            exchange.feed(prefix, to: .client)
            try exchange.output(of: .client)
            alert = try exchange.seal([(.alert, RawExchange.fatal(Self.alert))], as: .server, from: index > 0 ? 1 : 0)
        } else {
            exchange.feed(bytes, to: .client)
            try exchange.completeHandshake()
            alert = try exchange.seal([(.alert, RawExchange.fatal(Self.alert))], as: .server, keys: .traffic)
        }
        exchange.feed(alert, to: .client)
        try exchange.expectAlertReceived(Self.alert, by: .client)
    }

    /// Each step's alert reaches a TLS 1.3 server: in plaintext before the client has keys
    /// (also after a HelloRetryRequest), under the client's handshake keys before its
    /// Finished, under its traffic keys once connected.
    @Test(arguments: TLS13ServerStep.allCases)
    func tls13ServerReportsTheClientsAlert(_ step: TLS13ServerStep) throws {
        var exchange = try RawExchange(
            .tls13, client: { if step == .expectSecondClientHello { $0.keyShareGroups = [.secp256r1] } },
            server: { if step == .expectSecondClientHello { $0.supportedGroups = [.x25519] } })
        let plaintextAlert = RawExchange.plaintext(.alert, RawExchange.fatal(Self.alert))
        let alert: ByteBuffer
        switch step {
        case .expectClientHello:
            alert = plaintextAlert
        case .expectSecondClientHello:
            try exchange.relay(from: .client)
            let retry = try exchange.output(of: .server)
            #expect(try TestRecords.split(retry).map(\.0) == [.handshake, .changeCipherSpec], "no HelloRetryRequest")
            alert = plaintextAlert
        case .expectFinished:
            try exchange.relay(from: .client)
            try exchange.relay(from: .server)
            alert = try exchange.seal([(.alert, RawExchange.fatal(Self.alert))], as: .client)
        case .connected:
            try exchange.completeHandshake()
            alert = try exchange.seal([(.alert, RawExchange.fatal(Self.alert))], as: .client, keys: .traffic)
        }
        exchange.feed(alert, to: .server)
        try exchange.expectAlertReceived(Self.alert, by: .server)
    }

    /// Each step's alert reaches a TLS 1.2 client: in plaintext between the server's first
    /// messages and before its change_cipher_spec; protected after it, in place of its
    /// Finished (sequence number 0) or once connected (1).
    @Test(arguments: TLS12ClientStep.allCases)
    func tls12ClientReportsTheServersAlert(_ step: TLS12ClientStep) throws {
        var exchange = try RawExchange(.tls12)
        try exchange.relay(from: .client)
        let first = try exchange.output(of: .server)
        let plaintextAlert = RawExchange.plaintext(.alert, RawExchange.fatal(Self.alert))
        let alert: ByteBuffer
        switch step {
        case .expectCertificate, .expectServerKeyExchange, .expectServerHelloDone:
            let messages = try RawExchange.handshakeMessages(in: try exchange.opened(first, sentBy: .server))
            #expect(messages.count == 4)
            let count = step == .expectCertificate ? 1 : step == .expectServerKeyExchange ? 2 : 3
            exchange.feed(TestRecords.join(messages.prefix(count).map { (.handshake, $0) }), to: .client)
            try exchange.output(of: .client)
            alert = plaintextAlert
        case .expectChangeCipherSpec:
            exchange.feed(first, to: .client)
            try exchange.relay(from: .client)
            alert = plaintextAlert
        case .expectFinished:
            exchange.feed(first, to: .client)
            try exchange.relay(from: .client)
            let last = try TestRecords.split(try exchange.output(of: .server))
            exchange.feed(TestRecords.join(Array(last.dropLast())), to: .client)
            try exchange.output(of: .client)
            alert = try exchange.seal([(.alert, RawExchange.fatal(Self.alert))], as: .server)
        case .connected:
            exchange.feed(first, to: .client)
            try exchange.completeHandshake()
            alert = try exchange.seal([(.alert, RawExchange.fatal(Self.alert))], as: .server, from: 1)
        }
        exchange.feed(alert, to: .client)
        try exchange.expectAlertReceived(Self.alert, by: .client)
    }

    /// Each step's alert reaches a TLS 1.2 server: in plaintext until the client's
    /// change_cipher_spec; protected after it, in place of its Finished (sequence number 0)
    /// or once connected (1).
    @Test(arguments: TLS12ServerStep.allCases)
    func tls12ServerReportsTheClientsAlert(_ step: TLS12ServerStep) throws {
        var exchange = try RawExchange(.tls12)
        let plaintextAlert = RawExchange.plaintext(.alert, RawExchange.fatal(Self.alert))
        let alert: ByteBuffer
        switch step {
        case .expectClientHello:
            alert = plaintextAlert
        case .expectClientKeyExchange:
            try exchange.relay(from: .client)
            try exchange.relay(from: .server)
            alert = plaintextAlert
        case .expectChangeCipherSpec, .expectFinished:
            try exchange.relay(from: .client)
            try exchange.relay(from: .server)
            let flight = try TestRecords.split(try exchange.output(of: .client))
            #expect(flight.map(\.0) == [.handshake, .changeCipherSpec, .handshake])
            exchange.feed(TestRecords.join(Array(flight.prefix(step == .expectChangeCipherSpec ? 1 : 2))), to: .server)
            try exchange.output(of: .server)
            alert = step == .expectChangeCipherSpec
                ? plaintextAlert : try exchange.seal([(.alert, RawExchange.fatal(Self.alert))], as: .client)
        case .connected:
            try exchange.completeHandshake()
            alert = try exchange.seal([(.alert, RawExchange.fatal(Self.alert))], as: .client, from: 1)
        }
        exchange.feed(alert, to: .server)
        try exchange.expectAlertReceived(Self.alert, by: .server)
    }

    /// An alert whose level is neither warning (1) nor fatal (2) is refused with
    /// illegal_parameter, not taken as the alert it names (BoGo's SendBogusAlertType).
    @Test(arguments: [ProtocolVersion.tls13, .tls12])
    func unknownAlertLevelIsIllegalParameter(_ version: ProtocolVersion) throws {
        var exchange = try RawExchange(version)
        try exchange.completeHandshake()
        let bogus = ByteBuffer(bytes: [3, AlertDescription.unexpectedMessage.rawValue])
        exchange.feed(try exchange.seal([(.alert, bogus)], as: .client, keys: .traffic, from: version == .tls13 ? 0 : 1), to: .server)
        try exchange.expectAlert(.illegalParameter, from: .server, protected: true)
    }
}
