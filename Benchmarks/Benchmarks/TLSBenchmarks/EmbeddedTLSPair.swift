import NIOCore
import NIOEmbedded
import NIOSSL
import TLSKit
import TLSKitNIO

/// A TLS client and server handler on two EmbeddedChannels joined in memory, as
/// swift-nio-ssl's own benchmarks do: TLSKit's `TLSHandler` or swift-nio-ssl's, measured
/// doing the same work in the same harness.
final class EmbeddedTLSPair {
    let client = EmbeddedChannel()
    let server = EmbeddedChannel()
    private let clientObserver = EmbeddedPairObserver()
    private let serverObserver = EmbeddedPairObserver()
    /// Time spent inside each side's calls.
    private(set) var clientTime: Duration = .zero
    private(set) var serverTime: Duration = .zero

    private init(clientHandler: any ChannelHandler, serverHandler: any ChannelHandler) throws {
        try client.pipeline.syncOperations.addHandler(clientHandler)
        try client.pipeline.syncOperations.addHandler(clientObserver)
        try server.pipeline.syncOperations.addHandler(serverHandler)
        try server.pipeline.syncOperations.addHandler(serverObserver)
        client.connect(to: try SocketAddress(ipAddress: "127.0.0.1", port: 443), promise: nil)
        server.connect(to: try SocketAddress(ipAddress: "127.0.0.1", port: 443), promise: nil)
    }

    /// TLSKit's handlers.
    static func tlskit(client: TLSClientConfiguration, server: TLSServerConfiguration) throws -> EmbeddedTLSPair {
        try EmbeddedTLSPair(
            clientHandler: TLSHandler(configuration: client, serverName: "localhost"),
            serverHandler: TLSHandler(configuration: server))
    }

    /// swift-nio-ssl's handlers.
    static func nioSSL(clientContext: NIOSSLContext, serverContext: NIOSSLContext) throws -> EmbeddedTLSPair {
        try EmbeddedTLSPair(
            clientHandler: NIOSSLClientHandler(context: clientContext, serverHostname: "localhost"),
            serverHandler: NIOSSLServerHandler(context: serverContext))
    }

    /// Moves bytes both ways and runs each loop's queued work (TLSKit verifies the server's
    /// certificate in a task on the client's loop) until nothing is left to do, adding each
    /// side's time to `clientTime` and `serverTime`.
    func run() throws {
        var moved = true
        while moved {
            let clientMoved = try pump(from: client, to: server, senderTime: &clientTime, receiverTime: &serverTime)
            let serverMoved = try pump(from: server, to: client, senderTime: &serverTime, receiverTime: &clientTime)
            moved = clientMoved || serverMoved
        }
    }

    /// Runs `sender`'s queued work and hands what it wrote to `receiver`; whether anything moved.
    private func pump(
        from sender: EmbeddedChannel, to receiver: EmbeddedChannel, senderTime: inout Duration, receiverTime: inout Duration
    ) throws -> Bool {
        let clock = ContinuousClock()
        var moved = false
        var start = clock.now
        sender.embeddedEventLoop.run()
        while let bytes = try sender.readOutbound(as: ByteBuffer.self) {
            moved = true
            senderTime += clock.now - start
            start = clock.now
            try receiver.writeInbound(bytes)
            receiverTime += clock.now - start
            start = clock.now
        }
        senderTime += clock.now - start
        return moved
    }

    /// Application bytes the server has received.
    var receivedByServer: Int { serverObserver.receivedBytes }

    /// Whether both sides have completed their handshake.
    var isHandshakeComplete: Bool { clientObserver.handshakeCompleted && serverObserver.handshakeCompleted }

    /// A handshake between the handlers of a new pair from `makePair`, timed per side
    /// (making the pair writes the ClientHello, which counts as client time).
    static func handshake(_ makePair: () throws -> EmbeddedTLSPair) throws -> OperationTiming {
        let clock = ContinuousClock()
        let start = clock.now
        let pair = try makePair()
        let setUp = clock.now - start
        try pair.run()
        guard pair.isHandshakeComplete else { throw BenchmarkFailure("the handshake on EmbeddedChannels did not complete") }
        return OperationTiming(total: clock.now - start, client: pair.clientTime + setUp, server: pair.serverTime)
    }
}
