import NIOCore
import NIOPosix
import NIOSSL

/// A swift-nio-ssl (BoringSSL) TLS 1.3 echo server running in the test process on
/// 127.0.0.1, port chosen by the kernel.
final class BoringSSLEchoServer {
    let channel: any Channel
    let port: UInt16

    private init(channel: any Channel, port: UInt16) {
        self.channel = channel
        self.port = port
    }

    /// Serves `leaf`'s chain and key, TLS 1.3 only, with the key exchange groups `curves`.
    static func start(serving leaf: FixtureLeaf, curves: [NIOTLSCurve]) async throws -> BoringSSLEchoServer {
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(leaf.chainPath).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: leaf.keyPath, format: .pem))
        )
        configuration.minimumTLSVersion = .tlsv13
        configuration.curves = curves
        let context = try NIOSSLContext(configuration: configuration)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                    try channel.pipeline.syncOperations.addHandler(EchoHandler())
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        guard let port = channel.localAddress?.port, let port16 = UInt16(exactly: port) else {
            try await channel.close()
            throw ChannelError.unknownLocalAddress
        }
        return BoringSSLEchoServer(channel: channel, port: port16)
    }

    /// Starts a server, runs `body` with it and stops it, whether `body` returns or throws.
    static func withServer<Result>(
        serving leaf: FixtureLeaf,
        curves: [NIOTLSCurve],
        _ body: (BoringSSLEchoServer) async throws -> Result
    ) async throws -> Result {
        let server = try await start(serving: leaf, curves: curves)
        do {
            let result = try await body(server)
            try await server.stop()
            return result
        } catch {
            try? await server.stop()
            throw error
        }
    }

    /// Stops listening; open connections close with their clients.
    func stop() async throws {
        try await channel.close()
    }

    /// Writes back what it reads.
    private final class EchoHandler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            context.write(data, promise: nil)
        }

        func channelReadComplete(context: ChannelHandlerContext) {
            context.flush()
        }
    }
}
