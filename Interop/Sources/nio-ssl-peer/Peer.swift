import NIOCore
import NIOPosix
import NIOSSL

/// The two roles of `nio-ssl-peer`.
enum Peer {
    /// Listens, prints `LISTENING PORT`, and echoes every connection until the process is killed.
    static func runServer(_ options: PeerOptions, context: NIOSSLContext, group: any EventLoopGroup) async throws {
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                    try channel.pipeline.syncOperations.addHandler(ServerEchoHandler())
                }
            }
            .bind(host: options.host, port: options.port)
            .get()
        PeerOutput.line("LISTENING \(channel.localAddress?.port ?? options.port)")
        try await channel.closeFuture.get()
    }

    /// Connects, sends `options.send` and returns whether the reply holds `options.expect`
    /// (by default what was sent, from an echo server).
    static func runClient(_ options: PeerOptions, context: NIOSSLContext, group: any EventLoopGroup) async throws -> Bool {
        let eventLoop = group.next()
        let reply = eventLoop.makePromise(of: String.self)
        let request = options.send
        let expected = options.expect ?? options.send
        let serverName = options.serverName
        let timeout = TimeAmount.seconds(options.timeoutSeconds)
        // A peer that never answers fails this run, not the caller's.
        let deadline = eventLoop.scheduleTask(in: timeout) { reply.fail(ChannelError.connectTimeout(timeout)) }
        reply.futureResult.whenComplete { _ in deadline.cancel() }
        let channel = try await ClientBootstrap(group: eventLoop)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        try NIOSSLClientHandler(context: context, serverHostname: serverName))
                    try channel.pipeline.syncOperations.addHandler(ClientRequestHandler(request: request, expected: expected, reply: reply))
                }
            }
            .connect(host: options.host, port: options.port)
            .get()
        let received = try await reply.futureResult.get()
        // One line, so that the driver reads it whole.
        PeerOutput.line("RECEIVED \(received.replacingNewlines())")
        try? await channel.close()
        return received.contains(expected)
    }
}
