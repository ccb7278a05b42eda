import NIOCore
import NIOEmbedded
import TLSKit
import TLSKitNIO

/// TLSKit's `TLSHandler` as a client and a server on two EmbeddedChannels joined in memory:
/// the same harness as `NIOSSLPair`, so the two stacks are measured doing the same work.
final class TLSKitNIOPair {
    let client = EmbeddedChannel()
    let server = EmbeddedChannel()
    private let clientObserver = Observer()
    private let serverObserver = Observer()
    private(set) var clientTime: Duration = .zero
    private(set) var serverTime: Duration = .zero

    /// Counts the application bytes a side receives and notes its completed handshake.
    final class Observer: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        var count = 0
        var handshakeCompleted = false
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            count += unwrapInboundIn(data).readableBytes
        }
        func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
            if event is TLSHandshakeCompletedEvent { handshakeCompleted = true }
            context.fireUserInboundEventTriggered(event)
        }
    }

    init(client clientConfiguration: TLSClientConfiguration, server serverConfiguration: TLSServerConfiguration) throws {
        try client.pipeline.syncOperations.addHandler(TLSHandler(configuration: clientConfiguration, serverName: "localhost"))
        try client.pipeline.syncOperations.addHandler(clientObserver)
        try server.pipeline.syncOperations.addHandler(TLSHandler(configuration: serverConfiguration))
        try server.pipeline.syncOperations.addHandler(serverObserver)
        client.connect(to: try SocketAddress(ipAddress: "127.0.0.1", port: 443), promise: nil)
        server.connect(to: try SocketAddress(ipAddress: "127.0.0.1", port: 443), promise: nil)
    }

    /// Moves bytes both ways and runs each loop's queued work (the client's certificate
    /// verification runs as a task on its event loop) until nothing is left to do.
    func run() throws {
        let clock = ContinuousClock()
        var moved = true
        while moved {
            moved = false
            var start = clock.now
            client.embeddedEventLoop.run()
            while let bytes = try client.readOutbound(as: ByteBuffer.self) {
                moved = true
                clientTime += clock.now - start
                start = clock.now
                try server.writeInbound(bytes)
                serverTime += clock.now - start
                start = clock.now
            }
            clientTime += clock.now - start
            start = clock.now
            server.embeddedEventLoop.run()
            while let bytes = try server.readOutbound(as: ByteBuffer.self) {
                moved = true
                serverTime += clock.now - start
                start = clock.now
                try client.writeInbound(bytes)
                clientTime += clock.now - start
                start = clock.now
            }
            serverTime += clock.now - start
        }
    }

    /// Application bytes the server has received.
    var receivedByServer: Int { serverObserver.count }

    /// Whether both sides have completed their handshake.
    var isHandshakeComplete: Bool { clientObserver.handshakeCompleted && serverObserver.handshakeCompleted }

    /// A handshake between new handlers of these configurations, timed per side.
    static func handshake(client: TLSClientConfiguration, server: TLSServerConfiguration) throws -> OperationTiming {
        let clock = ContinuousClock()
        let start = clock.now
        let pair = try TLSKitNIOPair(client: client, server: server)
        let setUp = clock.now - start
        try pair.run()
        guard pair.isHandshakeComplete else { throw BenchmarkFailure("the TLSKit (NIO) handshake did not complete") }
        return OperationTiming(total: clock.now - start, client: pair.clientTime + setUp, server: pair.serverTime)
    }
}
