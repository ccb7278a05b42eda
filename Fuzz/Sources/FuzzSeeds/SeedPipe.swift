import NIOCore
import TLSKit

/// A client and a server `TLSConnection` joined in memory, synchronously: what one sends is
/// handed to the other, and every byte each side receives is kept for the seeds.
struct SeedPipe {
    var client: TLSConnection
    var server: TLSConnection
    /// Everything the client received from the server, in order; likewise for the server.
    var receivedByClient = ByteBuffer()
    var receivedByServer = ByteBuffer()
    var clientSummary: HandshakeSummary?
    var serverSummary: HandshakeSummary?
    var failure: Error?

    init(client: TLSConnection, server: TLSConnection) {
        self.client = client
        self.server = server
    }

    /// Shuttles bytes until neither side has anything more to do or one fails.
    mutating func run() {
        var toClient = ByteBuffer()
        var toServer = ByteBuffer()
        for _ in 0..<1000 {
            var moved = false
            do {
                moved = try Self.pump(&client, inbox: &toClient, received: &receivedByClient, peerInbox: &toServer, summary: &clientSummary) || moved
                moved = try Self.pump(&server, inbox: &toServer, received: &receivedByServer, peerInbox: &toClient, summary: &serverSummary) || moved
            } catch {
                failure = error
                return
            }
            if !moved { return }
        }
    }

    /// Delivers `inbox` to `connection` and drains its actions; returns whether anything happened.
    private static func pump(
        _ connection: inout TLSConnection, inbox: inout ByteBuffer, received: inout ByteBuffer,
        peerInbox: inout ByteBuffer, summary: inout HandshakeSummary?
    ) throws -> Bool {
        var moved = false
        if inbox.readableBytes > 0 {
            received.writeImmutableBuffer(inbox)
            connection.receive(&inbox)
            inbox = ByteBuffer()
            moved = true
        }
        while let action = try connection.nextAction() {
            moved = true
            switch action {
            case .send(var bytes): peerInbox.writeBuffer(&bytes)
            case .verifyPeer: connection.completeVerification(.skippedInsecure)
            case .handshakeCompleted(let completed): summary = completed
            case .deliver, .closed: break
            }
        }
        return moved
    }
}
