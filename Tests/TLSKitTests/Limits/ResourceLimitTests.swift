import NIOCore
import Testing
@testable import TLSKit

/// `TLSResourceLimits`: for each limit, the peer's offending bytes are refused with the
/// limit's alert and a `.limitExceeded` error naming the setting, the connection stays failed,
/// and nothing more is delivered; at the limit itself the connection goes on.
@Suite struct ResourceLimitTests {
    let fixture: ServerTestPKI

    init() throws {
        fixture = try ServerTestPKI.get()
    }

    /// A connected pair of `version`, with no session tickets unless asked for.
    func connectedPipe(
        version: ProtocolVersion = .tls13, clientLimits: TLSResourceLimits = TLSResourceLimits(),
        serverLimits: TLSResourceLimits = TLSResourceLimits(), tickets: Int = 0
    ) async throws -> ConnectionPipe {
        var client = fixture.clientConfiguration()
        client.versions = [version]
        client.limits = clientLimits
        var server = try fixture.serverConfiguration()
        server.versions = [version]
        server.limits = serverLimits
        server.ticketCount = tickets
        var pipe = try ConnectionPipe(client: client, server: server)
        try await pipe.handshake()
        return pipe
    }

    /// A pipe whose client of `version` has `clientLimits`, run until it settles (the
    /// handshake may fail).
    func settledPipe(version: ProtocolVersion, clientLimits: TLSResourceLimits) async throws -> ConnectionPipe {
        var client = fixture.clientConfiguration()
        client.versions = [version]
        client.limits = clientLimits
        var pipe = try ConnectionPipe(client: client, server: try fixture.serverConfiguration())
        try await pipe.run()
        return pipe
    }

    /// What feeding bytes to a connection did.
    struct Outcome {
        var error: TLSError?
        var delivered = 0
        var sent = ByteBuffer()
    }

    /// Feeds `bytes` to `connection` and drains its actions (verifications skipped).
    static func feed(_ bytes: ByteBuffer, to connection: inout TLSConnection) -> Outcome {
        var bytes = bytes
        var outcome = Outcome()
        connection.receive(&bytes)
        do {
            while let action = try connection.nextAction() {
                switch action {
                case .deliver(let data): outcome.delivered += data.readableBytes
                case .send(var data): outcome.sent.writeBuffer(&data)
                case .verifyPeer: connection.completeVerification(.skippedInsecure)
                default: break
                }
            }
        } catch {
            outcome.error = TLSError.from(error)
        }
        return outcome
    }

    /// The connection failed with `alert` for `setting`, delivered nothing, stays failed, and
    /// the alert it sent reaches `peer` as that alert.
    static func expectRefused(
        _ outcome: Outcome, alert: AlertDescription, setting: String,
        connection: inout TLSConnection, peer: inout TLSConnection, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard let error = outcome.error else {
            Issue.record("the connection did not fail", sourceLocation: sourceLocation)
            return
        }
        expectLimit(error, alert: alert, setting: setting, sourceLocation: sourceLocation)
        #expect(outcome.delivered == 0, sourceLocation: sourceLocation)
        #expect(throws: error, sourceLocation: sourceLocation) { _ = try connection.nextAction() }
        let received = feed(outcome.sent, to: &peer)
        #expect(received.error?.code == .alertReceived, "\(String(describing: received.error))", sourceLocation: sourceLocation)
        #expect(received.error?.alert == alert, sourceLocation: sourceLocation)
    }

    /// A pipe whose `refusing` side failed for `setting`, and whose other side received the alert.
    static func expectRefused(
        _ pipe: ConnectionPipe, by refusing: TLSRole, alert: AlertDescription, setting: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let (side, peer) = refusing == .server ? (pipe.server, pipe.client) : (pipe.client, pipe.server)
        guard let error = side.error else {
            Issue.record("the \(refusing) did not fail", sourceLocation: sourceLocation)
            return
        }
        expectLimit(error, alert: alert, setting: setting, sourceLocation: sourceLocation)
        #expect(peer.error?.code == .alertReceived, "\(String(describing: peer.error))", sourceLocation: sourceLocation)
        #expect(peer.error?.alert == alert, sourceLocation: sourceLocation)
    }

    static func expectLimit(
        _ error: TLSError, alert: AlertDescription, setting: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(error.code == .limitExceeded, "\(error)", sourceLocation: sourceLocation)
        #expect(error.alert == alert, "\(error)", sourceLocation: sourceLocation)
        #expect(error.reason.contains(setting), "\(error)", sourceLocation: sourceLocation)
    }

    /// The first flight of a new client: its ClientHello record.
    func clientHello(_ configure: (inout TLSClientConfiguration) -> Void = { _ in }) throws -> (TLSConnection, ByteBuffer) {
        var configuration = fixture.clientConfiguration()
        configure(&configuration)
        var client = try TLSConnection(configuration: configuration, serverName: "localhost")
        guard case .send(let hello)? = try client.nextAction() else {
            throw TLSError(code: .internalError, reason: "the client sent no ClientHello")
        }
        return (client, hello)
    }

    // MARK: - After the handshake

    /// An empty application_data record is legal (RFC 5246, Section 6.2.1; RFC 8446, Section
    /// 5.4 allows a zero-length inner plaintext), but each costs a decryption.
    @Test(arguments: [ProtocolVersion.tls13, .tls12])
    func emptyRecordsInARow(_ version: ProtocolVersion) async throws {
        var limits = TLSResourceLimits()
        limits.maximumConsecutiveEmptyRecords = 3
        var pipe = try await connectedPipe(version: version, serverLimits: limits)
        var client = try RecordForger(continuing: pipe.client.connection)
        let empty = Array(repeating: (ContentType.applicationData, [UInt8]()), count: 3)
        // Three empty records, data, three more: the count starts again after the data.
        let accepted = Self.feed(try client.seal(empty + [(.applicationData, Array("x".utf8))] + empty), to: &pipe.server.connection)
        #expect(accepted.error == nil && accepted.delivered == 1)
        // The fourth in a row is refused.
        Self.expectRefused(
            Self.feed(try client.seal([(.applicationData, [])]), to: &pipe.server.connection), alert: .unexpectedMessage,
            setting: "maximumConsecutiveEmptyRecords", connection: &pipe.server.connection, peer: &pipe.client.connection)
    }

    /// user_canceled is a warning that is ignored (RFC 8446, Section 6.1); a stream of them is not.
    @Test(arguments: [ProtocolVersion.tls13, .tls12])
    func warningAlertsInARow(_ version: ProtocolVersion) async throws {
        var limits = TLSResourceLimits()
        limits.maximumConsecutiveWarningAlerts = 2
        var pipe = try await connectedPipe(version: version, serverLimits: limits)
        var client = try RecordForger(continuing: pipe.client.connection)
        let canceled = Array(repeating: (ContentType.alert, [AlertLevel.warning.rawValue, AlertDescription.userCanceled.rawValue]), count: 2)
        let accepted = Self.feed(try client.seal(canceled + [(.applicationData, Array("x".utf8))] + canceled), to: &pipe.server.connection)
        #expect(accepted.error == nil && accepted.delivered == 1)
        Self.expectRefused(
            Self.feed(try client.seal(Array(canceled.prefix(1))), to: &pipe.server.connection), alert: .unexpectedMessage,
            setting: "maximumConsecutiveWarningAlerts", connection: &pipe.server.connection, peer: &pipe.client.connection)
    }

    /// KeyUpdate (RFC 8446, Section 4.6.3): each one derives new keys; a flood of them is refused.
    @Test func keyUpdatesInARow() async throws {
        var limits = TLSResourceLimits()
        limits.maximumConsecutiveKeyUpdates = 3
        var pipe = try await connectedPipe(serverLimits: limits)
        for _ in 0..<3 { try pipe.client.connection.updateKeys() }
        try pipe.client.connection.write(ByteBuffer(string: "x"))
        for _ in 0..<3 { try pipe.client.connection.updateKeys() }
        try await pipe.run()
        #expect(pipe.server.error == nil)
        #expect(pipe.server.received == ByteBuffer(string: "x"))
        try pipe.client.connection.updateKeys()
        try await pipe.run()
        Self.expectRefused(pipe, by: .server, alert: .unexpectedMessage, setting: "maximumConsecutiveKeyUpdates")
        #expect(pipe.server.received == ByteBuffer(string: "x"))
    }

    /// NewSessionTicket after the handshake (RFC 8446, Section 4.6.1): a server that keeps
    /// sending them without data is refused.
    @Test func postHandshakeMessagesInARow() async throws {
        var limits = TLSResourceLimits()
        limits.maximumConsecutivePostHandshakeMessages = 3
        var pipe = try await connectedPipe(clientLimits: limits)
        try pipe.server.connection.sendSessionTickets(count: 3)
        try await pipe.run()
        #expect(pipe.client.error == nil)
        try pipe.server.connection.sendSessionTickets(count: 1)
        try await pipe.run()
        Self.expectRefused(pipe, by: .client, alert: .unexpectedMessage, setting: "maximumConsecutivePostHandshakeMessages")
    }

    /// A TLS 1.2 HelloRequest (RFC 5246, Section 7.4.1.1) is answered with a no_renegotiation
    /// warning each time; a flood of them would make the client send one warning each.
    @Test func helloRequestsInARow() async throws {
        var limits = TLSResourceLimits()
        limits.maximumConsecutivePostHandshakeMessages = 3
        var pipe = try await connectedPipe(version: .tls12, clientLimits: limits)
        var server = try RecordForger(continuing: pipe.server.connection)
        let helloRequest = (ContentType.handshake, [UInt8]([0, 0, 0, 0]))
        let accepted = Self.feed(try server.seal([helloRequest, helloRequest, helloRequest]), to: &pipe.client.connection)
        #expect(accepted.error == nil)
        let refused = Self.feed(try server.seal([helloRequest]), to: &pipe.client.connection)
        let error = try #require(refused.error)
        Self.expectLimit(error, alert: .unexpectedMessage, setting: "maximumConsecutivePostHandshakeMessages")
        #expect(throws: error) { _ = try pipe.client.connection.nextAction() }
        // On the wire, as the server reads it: three warnings, then the fatal alert.
        var wire = accepted.sent
        wire.writeImmutableBuffer(refused.sent)
        let noRenegotiation = [AlertLevel.warning.rawValue, AlertDescription.noRenegotiation.rawValue]
        #expect(try Self.alerts(in: wire, readBy: pipe.server.connection)
            == [noRenegotiation, noRenegotiation, noRenegotiation, [AlertLevel.fatal.rawValue, AlertDescription.unexpectedMessage.rawValue]])
    }

    /// The alert records in `bytes`, opened as `connection` would open them next.
    static func alerts(in bytes: ByteBuffer, readBy connection: TLSConnection) throws -> [[UInt8]] {
        var layer = connection.recordLayer
        var bytes = bytes
        layer.receive(&bytes)
        var alerts: [[UInt8]] = []
        while let (type, fragment) = try layer.nextPlaintext() {
            if type == .alert { alerts.append(Array(fragment.readableBytesView)) }
        }
        return alerts
    }

    // MARK: - During the handshake

    /// change_cipher_spec records in TLS 1.3 are dropped (RFC 8446, Section 5), up to the limit.
    @Test func changeCipherSpecRecords() throws {
        var limits = TLSResourceLimits()
        limits.maximumChangeCipherSpecs = 2
        var configuration = try fixture.serverConfiguration()
        configuration.limits = limits
        var server = try TLSConnection(configuration: configuration)
        var (client, hello) = try clientHello()
        let changeCipherSpec: [UInt8] = [0x14, 0x03, 0x03, 0x00, 0x01, 0x01]
        hello.writeBytes(changeCipherSpec + changeCipherSpec)
        let accepted = Self.feed(hello, to: &server)
        #expect(accepted.error == nil && accepted.sent.readableBytes > 0)
        // The client takes the server's flight; the third change_cipher_spec is refused.
        let flight = Self.feed(accepted.sent, to: &client)
        #expect(flight.error == nil)
        Self.expectRefused(
            Self.feed(ByteBuffer(bytes: changeCipherSpec), to: &server), alert: .unexpectedMessage,
            setting: "maximumChangeCipherSpecs", connection: &server, peer: &client)
    }

    /// Handshake records before the handshake completes are bounded in bytes, headers
    /// included, so a ClientHello cut into one-byte records costs six times its size.
    @Test func handshakeBytesBeforeCompletion() throws {
        var (client, hello) = try clientHello()
        var limits = TLSResourceLimits()
        limits.maximumHandshakeBytes = hello.readableBytes * 2
        var configuration = try fixture.serverConfiguration()
        configuration.limits = limits
        // In one record it is accepted.
        var whole = try TLSConnection(configuration: configuration)
        let accepted = Self.feed(hello, to: &whole)
        #expect(accepted.error == nil && accepted.sent.readableBytes > 0)
        // In one-byte records it is refused.
        var fragmented = ByteBuffer()
        for byte in hello.readableBytesView.dropFirst(TLSRecord.headerLength) {
            fragmented.writeBytes([ContentType.handshake.rawValue, 0x03, 0x01, 0x00, 0x01, byte])
        }
        var server = try TLSConnection(configuration: configuration)
        Self.expectRefused(
            Self.feed(fragmented, to: &server), alert: .unexpectedMessage, setting: "maximumHandshakeBytes",
            connection: &server, peer: &client)
    }

    /// A chain longer than the limit is refused with bad_certificate before it is verified.
    @Test(arguments: [ProtocolVersion.tls13, .tls12])
    func certificateChainLength(_ version: ProtocolVersion) async throws {
        var limits = TLSResourceLimits()
        limits.maximumCertificateChainLength = 2
        // The server sends its leaf and the intermediate: at the limit.
        _ = try await connectedPipe(version: version, clientLimits: limits)
        limits.maximumCertificateChainLength = 1
        let pipe = try await settledPipe(version: version, clientLimits: limits)
        Self.expectRefused(pipe, by: .client, alert: .badCertificate, setting: "maximumCertificateChainLength")
        #expect(pipe.client.verificationRequests.isEmpty)
    }

    /// Certificate has its own size bound; every other message the general one (decode_error).
    @Test(arguments: [ProtocolVersion.tls13, .tls12])
    func handshakeMessageSizes(_ version: ProtocolVersion) async throws {
        var certificateLimit = TLSResourceLimits()
        certificateLimit.maximumCertificateMessageSize = 256
        var pipe = try await settledPipe(version: version, clientLimits: certificateLimit)
        Self.expectRefused(pipe, by: .client, alert: .decodeError, setting: "maximumCertificateMessageSize")

        var messageLimit = TLSResourceLimits()
        messageLimit.maximumHandshakeMessageSize = 48
        pipe = try await settledPipe(version: version, clientLimits: messageLimit)
        Self.expectRefused(pipe, by: .client, alert: .decodeError, setting: "maximumHandshakeMessageSize")
    }

    /// A ClientHello with more extensions than the decoders take is a decode_error.
    @Test func extensionsPerMessage() async throws {
        func hello(withExtensions total: Int) -> (inout ClientHello) -> Void {
            { hello in
                let unknown = (0..<max(0, total - hello.extensions.count)).map { index in
                    TLSExtension.unknown(type: ExtensionType(rawValue: 0xFA00 + UInt16(index)), data: [])
                }
                hello.extensions = unknown + hello.extensions
            }
        }
        let limit = TLSResourceLimits.maximumExtensionsPerMessage
        var atLimit = try ConnectionPipe(client: fixture.clientConfiguration(), server: try fixture.serverConfiguration())
        atLimit.clientToServer = TestRecords.rewritingClientHello(hello(withExtensions: limit))
        try await atLimit.run()
        // The server takes it (the client then fails its Finished check, as the hello was altered).
        #expect(atLimit.server.error?.code != .limitExceeded)
        #expect(atLimit.client.error?.code != .limitExceeded)

        var over = try ConnectionPipe(client: fixture.clientConfiguration(), server: try fixture.serverConfiguration())
        over.clientToServer = TestRecords.rewritingClientHello(hello(withExtensions: limit + 1))
        try await over.run()
        Self.expectRefused(over, by: .server, alert: .decodeError, setting: "\(limit) extensions")
    }

    /// A list with more entries than the decoders take (here cipher_suites) is a decode_error.
    @Test func entriesPerList() async throws {
        func hello(withSuites total: Int) -> (inout ClientHello) -> Void {
            { hello in
                let filler = (0..<max(0, total - hello.cipherSuites.count)).map { CipherSuite(rawValue: 0xFB00 + UInt16($0)) }
                hello.cipherSuites = filler + hello.cipherSuites
            }
        }
        let limit = TLSResourceLimits.maximumListEntries
        var atLimit = try ConnectionPipe(client: fixture.clientConfiguration(), server: try fixture.serverConfiguration())
        atLimit.clientToServer = TestRecords.rewritingClientHello(hello(withSuites: limit))
        try await atLimit.run()
        #expect(atLimit.server.error?.code != .limitExceeded)
        #expect(atLimit.client.error?.code != .limitExceeded)

        var over = try ConnectionPipe(client: fixture.clientConfiguration(), server: try fixture.serverConfiguration())
        over.clientToServer = TestRecords.rewritingClientHello(hello(withSuites: limit + 1))
        try await over.run()
        Self.expectRefused(over, by: .server, alert: .decodeError, setting: "\(limit) entries in cipher_suites")
    }
}
