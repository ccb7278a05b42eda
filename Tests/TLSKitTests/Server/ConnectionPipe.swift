import NIOCore
import Testing
@testable import TLSKit

/// A client and a server `TLSConnection` joined in memory: bytes one sends are handed to the
/// other, `.verifyPeer` is answered by awaiting the side's verifier.
struct ConnectionPipe {
    struct Side {
        var connection: TLSConnection
        var verifier: (any CertificateVerifier)?
        /// Bytes waiting to be received.
        var inbox = ByteBuffer()
        /// Application data delivered so far.
        var received = ByteBuffer()
        /// The part of `received` delivered before `.handshakeCompleted` (0-RTT data on a server).
        var receivedBeforeHandshake = ByteBuffer()
        var summary: HandshakeSummary?
        var verificationRequests: [CertificateVerificationRequest] = []
        var error: TLSError?
        var closedByPeer = false
    }

    var client: Side
    var server: Side
    /// Applied to everything the client sends before the server sees it.
    var clientToServer: ((ByteBuffer) throws -> ByteBuffer)?
    /// Applied to everything the server sends before the client sees it.
    var serverToClient: ((ByteBuffer) throws -> ByteBuffer)?

    init(client: TLSClientConfiguration, serverName: String? = "localhost", server: TLSServerConfiguration) throws {
        self.client = Side(connection: try TLSConnection(configuration: client, serverName: serverName), verifier: client.certificateVerifier)
        self.server = Side(connection: try TLSConnection(configuration: server), verifier: server.clientAuthentication.verifier)
    }

    /// Shuttles bytes until neither side has anything more to do.
    mutating func run() async throws {
        for _ in 0..<10_000 {
            let clientMoved = try await Self.pump(&client, peerInbox: &server.inbox, transform: clientToServer)
            let serverMoved = try await Self.pump(&server, peerInbox: &client.inbox, transform: serverToClient)
            if !clientMoved && !serverMoved { return }
        }
        Issue.record("the connections did not settle")
    }

    /// Runs a full handshake and expects it to succeed on both sides.
    mutating func handshake() async throws {
        try await run()
        if let error = client.error { Issue.record("client failed: \(error)") }
        if let error = server.error { Issue.record("server failed: \(error)") }
        #expect(client.summary != nil)
        #expect(server.summary != nil)
    }

    /// Expects the handshake to fail with `alert`: sent by `sender`, received by the other side.
    mutating func expectFailure(_ alert: AlertDescription, sentBy sender: TLSRole) async throws {
        try await run()
        let failing = sender == .server ? server : client
        let peer = sender == .server ? client : server
        let error = try #require(failing.error, "the \(sender) did not fail")
        #expect(error.alert == alert, "\(error)")
        #expect(error.code != .alertReceived, "\(error)")
        let peerError = try #require(peer.error, "the peer did not fail")
        #expect(peerError.code == .alertReceived, "\(peerError)")
        #expect(peerError.alert == alert, "\(peerError)")
    }

    /// Drains one side's actions; returns whether anything happened.
    private static func pump(
        _ side: inout Side, peerInbox: inout ByteBuffer, transform: ((ByteBuffer) throws -> ByteBuffer)?
    ) async throws -> Bool {
        guard side.error == nil else { return false }
        var moved = false
        if side.inbox.readableBytes > 0 {
            side.connection.receive(&side.inbox)
            side.inbox = ByteBuffer()
            moved = true
        }
        do {
            while let action = try side.connection.nextAction() {
                moved = true
                switch action {
                case .send(let bytes):
                    var out = try transform?(bytes) ?? bytes
                    peerInbox.writeBuffer(&out)
                case .deliver(var data):
                    if side.summary == nil { side.receivedBeforeHandshake.writeImmutableBuffer(data) }
                    side.received.writeBuffer(&data)
                case .verifyPeer(let request):
                    side.verificationRequests.append(request)
                    let verdict = await side.verifier?.verify(request)
                        ?? .rejected(TLSError(code: .configuration, reason: "no verifier", alert: .internalError))
                    side.connection.completeVerification(verdict)
                case .handshakeCompleted(let summary):
                    side.summary = summary
                case .closed:
                    side.closedByPeer = true
                }
            }
        } catch {
            side.error = TLSError.from(error)
            moved = true
        }
        return moved
    }
}

/// Splits and rebuilds plaintext records, to tamper with what one side sends.
enum TestRecords {
    static func split(_ bytes: ByteBuffer) throws -> [(ContentType, ByteBuffer)] {
        var bytes = bytes
        var records: [(ContentType, ByteBuffer)] = []
        while bytes.readableBytes > 0 {
            let type = ContentType(rawValue: try bytes.readTLSUInt8())
            _ = try bytes.readTLSUInt16()
            records.append((type, try bytes.readTLSVector16("record")))
        }
        return records
    }

    static func join(_ records: [(ContentType, ByteBuffer)]) -> ByteBuffer {
        var out = ByteBuffer()
        for (type, fragment) in records {
            out.writeInteger(type.rawValue)
            out.writeInteger(ProtocolVersion.tls12.rawValue)
            out.writeInteger(UInt16(fragment.readableBytes))
            out.writeImmutableBuffer(fragment)
        }
        return out
    }

    /// Rewrites every plaintext ClientHello record (one message per record) with `change`.
    static func rewritingClientHello(_ change: @escaping (inout ClientHello) -> Void) -> (ByteBuffer) throws -> ByteBuffer {
        { bytes in
            let records = try split(bytes).map { type, fragment -> (ContentType, ByteBuffer) in
                guard type == .handshake, fragment.getInteger(at: fragment.readerIndex, as: UInt8.self) == 1 else {
                    return (type, fragment)
                }
                var body = fragment
                _ = try body.readTLSUInt8()
                let payload = try body.readTLSVector24("ClientHello")
                guard case .clientHello(var hello) = try HandshakeMessage.decode(type: .clientHello, body: payload) else {
                    return (type, fragment)
                }
                change(&hello)
                return (type, HandshakeMessage.clientHello(hello).encoded)
            }
            return join(records)
        }
    }
}
