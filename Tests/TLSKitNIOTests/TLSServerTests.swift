import NIOCore
import NIOPosix
import Synchronization
import TLSKit
import Testing
import Logging

@testable import TLSKitNIO

/// `TLSServer` on a real socket: a client whose handshake fails is closed and logged, and the
/// server goes on accepting. (Completed handshakes are covered by the interop tests.)
@Suite struct TLSServerTests {
    /// Reads until the server closes; records whether it did.
    final class ClosedRecorder: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let closed: EventLoopPromise<Void>
        init(closed: EventLoopPromise<Void>) { self.closed = closed }
        func channelInactive(context: ChannelHandlerContext) {
            self.closed.succeed()
            context.fireChannelInactive()
        }
    }

    static func configuration() throws -> TLSServerConfiguration {
        .modern(identities: [try LocalhostServerIdentity().identity])
    }

    /// Connects, sends bytes that are no ClientHello, and waits until the server closes.
    static func sendGarbage(to port: Int) async throws {
        let group = MultiThreadedEventLoopGroup.singleton
        let closed = group.next().makePromise(of: Void.self)
        let channel = try await ClientBootstrap(group: group)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ClosedRecorder(closed: closed))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        try? await channel.writeAndFlush(ByteBuffer(string: "GET / HTTP/1.1\r\nHost: x\r\n\r\n")).get()
        try await closed.futureResult.get()
    }

    @Test func failedHandshakesDoNotStopTheServer() async throws {
        let server = try await TLSServer.bind(
            host: "127.0.0.1", port: 0, configuration: try Self.configuration(), handshakeTimeout: .seconds(5))
        let port = try #require(server.localAddress?.port)
        try await Self.sendGarbage(to: port)
        try await Self.sendGarbage(to: port)
        #expect(server.channel.isActive)

        try await server.close()
        var received = 0
        for await _ in server.connections { received += 1 }
        #expect(received == 0)
    }

    /// A client that connects and sends nothing is closed once the handshake timeout passes
    /// (`TLSResourceLimits.handshakeTimeout`, enforced by `TLSHandler`), and logged.
    @Test func aSilentClientIsClosedAfterTheHandshakeTimeout() async throws {
        let counts = MessageCountingLogHandler.Counts()
        let server = try await TLSServer.bind(
            host: "127.0.0.1", port: 0, configuration: try Self.configuration(), handshakeTimeout: .milliseconds(300),
            logger: Logger(label: "test") { _ in MessageCountingLogHandler(counts: counts) })
        let port = try #require(server.localAddress?.port)
        let group = MultiThreadedEventLoopGroup.singleton
        let closed = group.next().makePromise(of: Void.self)
        let start = ContinuousClock.now
        _ = try await ClientBootstrap(group: group)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ClosedRecorder(closed: closed))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        try await closed.futureResult.get()
        #expect(ContinuousClock.now - start >= .milliseconds(300))
        let deadline = ContinuousClock.now + .seconds(10)
        while counts.count(containing: "TLS handshake failed") < 1, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(counts.count(containing: "TLS handshake failed") == 1)
        try await server.close()
    }

    /// Completed connections beyond `maximumPendingConnections` are closed, not queued (and
    /// the process survives releasing them); the one queued is handed out intact.
    @Test func connectionsBeyondThePendingLimitAreClosed() async throws {
        let localhost = try LocalhostServerIdentity()
        let identity = localhost.identity
        let counts = MessageCountingLogHandler.Counts()
        let server = try await TLSServer.bind(
            host: "127.0.0.1", port: 0, configuration: .modern(identities: [identity]), maximumPendingConnections: 1,
            logger: Logger(label: "test") { _ in MessageCountingLogHandler(counts: counts) })
        let port = try #require(server.localAddress?.port)
        let client = localhost.trustingClient
        var clients: [TLSClientConnection] = []
        for _ in 0..<3 {
            clients.append(try await TLSClient.connect(host: "127.0.0.1", port: port, serverName: "localhost", configuration: client))
        }
        // Wait until the server has finished all three handshakes: one queued, two refused.
        let deadline = ContinuousClock.now + .seconds(30)
        while counts.count(containing: "too many connections") < 2, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(counts.count(containing: "too many connections") == 2)
        var accepted = server.connections.makeAsyncIterator()
        let queued = try #require(await accepted.next())
        try await queued.executeThenClose { _, outbound in try await outbound.write(ByteBuffer(string: "still here")) }
        // Exactly one client gets the data; the two the server could not queue see their
        // connection end with nothing.
        var received: [String] = []
        for connection in clients {
            try await connection.executeThenClose { inbound, _ in
                var bytes = ByteBuffer()
                do {
                    for try await var chunk in inbound { bytes.writeBuffer(&chunk) }
                } catch {}
                received.append(String(buffer: bytes))
            }
        }
        #expect(received.sorted() == ["", "", "still here"])
        try await server.close()
    }

    /// Connections still queued when the server and its sequence go away are closed (before,
    /// releasing them trapped in NIO: an async channel's writer released unfinished).
    @Test func connectionsLeftInTheQueueAreClosed() async throws {
        let localhost = try LocalhostServerIdentity()
        let identity = localhost.identity
        let counts = MessageCountingLogHandler.Counts()
        var server: TLSServer? = try await TLSServer.bind(
            host: "127.0.0.1", port: 0, configuration: .modern(identities: [identity]),
            logger: Logger(label: "test") { _ in MessageCountingLogHandler(counts: counts) })
        let port = try #require(server?.localAddress?.port)
        let client = localhost.trustingClient
        var clients: [TLSClientConnection] = []
        for _ in 0..<2 {
            clients.append(try await TLSClient.connect(host: "127.0.0.1", port: port, serverName: "localhost", configuration: client))
        }
        // The server's side completes after the client's Finished; give it time to queue both.
        try await Task.sleep(for: .milliseconds(200))
        try await server?.close()
        server = nil
        for connection in clients {
            let bytes = try await connection.executeThenClose { inbound, _ in
                var bytes = ByteBuffer()
                do {
                    for try await var chunk in inbound { bytes.writeBuffer(&chunk) }
                } catch {}
                return bytes
            }
            #expect(bytes.readableBytes == 0)
        }
        #expect(counts.count(containing: "too many connections") == 0)
    }

    @Test func describesAddresses() throws {
        #expect(TLSServer.describe(try SocketAddress(ipAddress: "127.0.0.1", port: 54321)) == "127.0.0.1:54321")
        #expect(TLSServer.describe(try SocketAddress(ipAddress: "::1", port: 8443)) == "[::1]:8443")
        #expect(TLSServer.describe(nil) == "unknown")
    }
}
