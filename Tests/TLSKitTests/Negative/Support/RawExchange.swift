import Crypto
import NIOCore
import Testing
@testable import TLSKit

/// A real client and a real server `TLSConnection` stepped by hand, one flight at a time,
/// so a test can take what one side sent, change it, and hand the result to the other.
///
/// Both sides log their secrets, so every record either side sends can be opened again
/// (`records(sentBy:)`) and records a peer would send can be sealed (`seal(_:as:keys:from:)`).
/// TLS 1.3 runs TLS_AES_128_GCM_SHA256, TLS 1.2 TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256; the
/// server sends no session tickets, so sequence numbers after the handshake start at 0.
struct RawExchange {
    /// Which keys a record is sealed with: TLS 1.3's handshake or first application traffic
    /// keys; TLS 1.2 has one key block for both.
    enum Keys { case handshake, traffic }

    let version: ProtocolVersion
    let suite: CipherSuite
    var client: TLSConnection
    var server: TLSConnection
    let clientLog = KeyLogCollector()
    let serverLog = KeyLogCollector()
    /// Everything each side has sent so far, in order.
    private(set) var sent: [TLSRole: ByteBuffer] = [.client: ByteBuffer(), .server: ByteBuffer()]
    /// Application data each side has delivered.
    private(set) var delivered: [TLSRole: ByteBuffer] = [.client: ByteBuffer(), .server: ByteBuffer()]
    private(set) var completed: Set<TLSRole> = []

    /// A pair for `version`; `client` and `server` adjust the configurations further.
    init(
        _ version: ProtocolVersion,
        client changeClient: (inout TLSClientConfiguration) -> Void = { _ in },
        server changeServer: (inout TLSServerConfiguration) -> Void = { _ in }
    ) throws {
        self.version = version
        var clientConfiguration = ClientHandshakeHarness.configuration()
        var serverConfiguration = try ServerTestPKI.get().serverConfiguration(.p256)
        clientConfiguration.keyLog = clientLog.callback
        serverConfiguration.keyLog = serverLog.callback
        serverConfiguration.ticketCount = 0
        if version == .tls13 {
            suite = .tlsAES128GCMSHA256
            clientConfiguration.versions = [.tls13]
        } else {
            suite = .tlsECDHEECDSAWithAES128GCMSHA256
            serverConfiguration.versions = [.tls12]
        }
        serverConfiguration.cipherSuites = [suite]
        changeClient(&clientConfiguration)
        changeServer(&serverConfiguration)
        client = try TLSConnection(configuration: clientConfiguration, serverName: "localhost")
        server = try TLSConnection(configuration: serverConfiguration)
    }

    // MARK: - Stepping

    /// Runs `role` until it wants input and returns what it sent; a peer certificate is
    /// accepted as soon as it is asked about. Throws what the connection throws.
    @discardableResult
    mutating func output(of role: TLSRole) throws -> ByteBuffer {
        var flight = ByteBuffer()
        for _ in 0..<64 {
            let next = role == .client ? try client.nextAction() : try server.nextAction()
            guard let action = next else { break }
            switch action {
            case .send(let bytes):
                flight.writeImmutableBuffer(bytes)
                sent[role, default: ByteBuffer()].writeImmutableBuffer(bytes)
            case .deliver(let data):
                delivered[role, default: ByteBuffer()].writeImmutableBuffer(data)
            case .verifyPeer:
                if role == .client {
                    client.completeVerification(.skippedInsecure)
                } else {
                    server.completeVerification(.skippedInsecure)
                }
            case .handshakeCompleted:
                completed.insert(role)
            case .closed:
                break
            }
        }
        return flight
    }

    /// Hands `bytes` to `role`, as if read from the network.
    mutating func feed(_ bytes: ByteBuffer, to role: TLSRole) {
        var bytes = bytes
        if role == .client {
            client.receive(&bytes)
        } else {
            server.receive(&bytes)
        }
    }

    /// Runs `role` and hands what it sent to its peer; returns those bytes.
    @discardableResult
    mutating func relay(from role: TLSRole) throws -> ByteBuffer {
        let flight = try output(of: role)
        feed(flight, to: role.peer)
        return flight
    }

    /// Relays flights until both sides have completed the handshake.
    mutating func completeHandshake() throws {
        for _ in 0..<8 where completed.count < 2 {
            try relay(from: .client)
            try relay(from: .server)
        }
        #expect(completed == [.client, .server], "the handshake did not complete")
    }

    // MARK: - Expectations

    /// Expects `role` to refuse what it was fed with `alert`: it throws a `TLSError` naming that
    /// alert (its own, not a received one), the last record it sent is that fatal alert, in
    /// plaintext or (`protected`) under its current write keys, the next `nextAction()` throws
    /// the same error, and no application data was delivered.
    @discardableResult
    mutating func expectAlert(
        _ alert: AlertDescription, from role: TLSRole, protected isProtected: Bool,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> TLSError {
        let error = try #require(failure(of: role), "the \(role) did not fail", sourceLocation: sourceLocation)
        #expect(error.alert == alert, "\(error)", sourceLocation: sourceLocation)
        #expect(error.code != .alertReceived, "\(error)", sourceLocation: sourceLocation)
        let last = try #require(try records(sentBy: role).last, "the \(role) sent nothing", sourceLocation: sourceLocation)
        #expect(last.type == .alert, "the \(role)'s last record is \(last.type)", sourceLocation: sourceLocation)
        #expect(
            Array(last.content.readableBytesView) == [AlertLevel.fatal.rawValue, alert.rawValue],
            "the \(role) sent \(Array(last.content.readableBytesView))", sourceLocation: sourceLocation)
        #expect(last.isProtected == isProtected, "protected: \(last.isProtected)", sourceLocation: sourceLocation)
        try expectClosed(role, with: error, sourceLocation: sourceLocation)
        return error
    }

    /// Drives `role` on what it has received; the error it fails with, if it does.
    private mutating func failure(of role: TLSRole) -> TLSError? {
        do {
            try output(of: role)
            return nil
        } catch {
            return TLSError.from(error)
        }
    }

    /// Expects `role` to report the peer's fatal `alert` (`alertReceived`), to send nothing
    /// in answer, to stay closed, and to have delivered no application data.
    mutating func expectAlertReceived(
        _ alert: AlertDescription, by role: TLSRole, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let before = sent[role]?.readableBytes ?? 0
        let error = try #require(failure(of: role), "the \(role) did not fail", sourceLocation: sourceLocation)
        #expect(error.code == .alertReceived, "\(error)", sourceLocation: sourceLocation)
        #expect(error.alert == alert, "\(error)", sourceLocation: sourceLocation)
        #expect(sent[role]?.readableBytes == before, "the \(role) answered the alert", sourceLocation: sourceLocation)
        try expectClosed(role, with: error, sourceLocation: sourceLocation)
    }

    /// The connection keeps failing with `error`, sends nothing more, and delivered nothing.
    private mutating func expectClosed(_ role: TLSRole, with error: TLSError, sourceLocation: SourceLocation) throws {
        let before = sent[role]?.readableBytes ?? 0
        feed(ByteBuffer(bytes: [23, 3, 3, 0, 1, 0]), to: role)
        var again: TLSError?
        do {
            try output(of: role)
        } catch {
            again = TLSError.from(error)
        }
        #expect(again == error, "the \(role) did not stay closed: \(String(describing: again))", sourceLocation: sourceLocation)
        #expect(sent[role]?.readableBytes == before, "the \(role) sent more after failing", sourceLocation: sourceLocation)
        #expect(delivered[role]?.readableBytes == 0, "the \(role) delivered application data", sourceLocation: sourceLocation)
    }
}

extension TLSRole {
    /// The other side of the connection.
    var peer: TLSRole { self == .client ? .server : .client }
}
