import NIOCore
import NIOEmbedded
import NIOSSL

/// A swift-nio-ssl (BoringSSL) client and server on two EmbeddedChannels, joined in memory.
final class NIOSSLPair {
    let client = EmbeddedChannel()
    let server = EmbeddedChannel()

    final class Counter: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        var count = 0
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            count += unwrapInboundIn(data).readableBytes
        }
    }

    private let counter = Counter()

    init(clientContext: NIOSSLContext, serverContext: NIOSSLContext) throws {
        try client.pipeline.syncOperations.addHandler(
            try NIOSSLClientHandler(context: clientContext, serverHostname: "localhost"))
        try server.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: serverContext))
        try server.pipeline.syncOperations.addHandler(counter)
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

    /// Moves bytes both ways until neither side has anything to send.
    func run() throws {
        var moved = true
        while moved {
            moved = false
            while let bytes = try client.readOutbound(as: ByteBuffer.self) {
                moved = true
                try server.writeInbound(bytes)
            }
            while let bytes = try server.readOutbound(as: ByteBuffer.self) {
                moved = true
                try client.writeInbound(bytes)
            }
        }
    }

    /// Application bytes the server has received.
    var receivedByServer: Int { counter.count }
}
