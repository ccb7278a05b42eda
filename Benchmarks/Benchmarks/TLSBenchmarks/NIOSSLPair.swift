import NIOCore
import NIOEmbedded
import NIOSSL
import NIOTLS

/// A swift-nio-ssl (BoringSSL) client and server on two EmbeddedChannels, joined in memory.
final class NIOSSLPair {
    let client = EmbeddedChannel()
    let server = EmbeddedChannel()

    /// Counts the application bytes a side receives and notes its completed handshake.
    final class Observer: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        var count = 0
        var handshakeCompleted = false
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            count += unwrapInboundIn(data).readableBytes
        }
        func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
            if case .handshakeCompleted = event as? TLSUserEvent { handshakeCompleted = true }
            context.fireUserInboundEventTriggered(event)
        }
    }

    private let clientObserver = Observer()
    private let serverObserver = Observer()

    init(clientContext: NIOSSLContext, serverContext: NIOSSLContext) throws {
        try client.pipeline.syncOperations.addHandler(
            try NIOSSLClientHandler(context: clientContext, serverHostname: "localhost"))
        try client.pipeline.syncOperations.addHandler(clientObserver)
        try server.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: serverContext))
        try server.pipeline.syncOperations.addHandler(serverObserver)
        client.connect(to: try SocketAddress(ipAddress: "127.0.0.1", port: 443), promise: nil)
        server.connect(to: try SocketAddress(ipAddress: "127.0.0.1", port: 443), promise: nil)
    }

    /// BoringSSL does not let TLS 1.3 cipher suites be configured; it picks AES-128-GCM when
    /// the processor has AES instructions, and ECDHE-ECDSA-AES128-GCM-SHA256 in TLS 1.2.
    static func contexts(
        pki: BenchmarkPKI, curve: NIOTLSCurve, version: TLSVersion = .tlsv13
    ) throws -> (NIOSSLContext, NIOSSLContext) {
        var clientConfiguration = TLSConfiguration.makeClientConfiguration()
        clientConfiguration.minimumTLSVersion = version
        clientConfiguration.maximumTLSVersion = version
        clientConfiguration.trustRoots = .certificates([try NIOSSLCertificate(bytes: Array(pki.rootPEM.utf8), format: .pem)])
        // In TLS 1.2 BoringSSL also checks the ECDSA certificate's curve against this list.
        clientConfiguration.curves = version == .tlsv12 && curve != .secp256r1 ? [curve, .secp256r1] : [curve]
        let chain = try NIOSSLCertificate.fromPEMBytes(Array(pki.leafChainPEM.utf8)).map { NIOSSLCertificateSource.certificate($0) }
        var serverConfiguration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain,
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(pki.leafKeyPEM.utf8), format: .pem)))
        serverConfiguration.minimumTLSVersion = version
        serverConfiguration.maximumTLSVersion = version
        serverConfiguration.curves = [curve]
        return (try NIOSSLContext(configuration: clientConfiguration), try NIOSSLContext(configuration: serverConfiguration))
    }

    /// Time spent inside each side's calls.
    private(set) var clientTime: Duration = .zero
    private(set) var serverTime: Duration = .zero

    /// Moves bytes both ways until neither side has anything to send, adding each side's
    /// time to `clientTime` and `serverTime`.
    func run() throws {
        let clock = ContinuousClock()
        var moved = true
        while moved {
            moved = false
            while true {
                var start = clock.now
                guard let bytes = try client.readOutbound(as: ByteBuffer.self) else {
                    clientTime += clock.now - start
                    break
                }
                clientTime += clock.now - start
                moved = true
                start = clock.now
                try server.writeInbound(bytes)
                serverTime += clock.now - start
            }
            while true {
                var start = clock.now
                guard let bytes = try server.readOutbound(as: ByteBuffer.self) else {
                    serverTime += clock.now - start
                    break
                }
                serverTime += clock.now - start
                moved = true
                start = clock.now
                try client.writeInbound(bytes)
                clientTime += clock.now - start
            }
        }
    }

    /// A handshake between new handlers of these contexts, timed per side.
    static func handshake(clientContext: NIOSSLContext, serverContext: NIOSSLContext) throws -> OperationTiming {
        let clock = ContinuousClock()
        let start = clock.now
        let pair = try NIOSSLPair(clientContext: clientContext, serverContext: serverContext)
        let setUp = clock.now - start
        try pair.run()
        guard pair.isHandshakeComplete else {
            throw BenchmarkFailure("the swift-nio-ssl handshake did not complete")
        }
        // The client's ClientHello is written when its channel becomes active, in setUp.
        return OperationTiming(total: clock.now - start, client: pair.clientTime + setUp, server: pair.serverTime)
    }

    /// Application bytes the server has received.
    var receivedByServer: Int { serverObserver.count }

    /// Whether both sides have completed their handshake.
    var isHandshakeComplete: Bool { clientObserver.handshakeCompleted && serverObserver.handshakeCompleted }
}
