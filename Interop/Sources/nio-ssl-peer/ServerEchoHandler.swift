import NIOCore
import NIOSSL
import NIOTLS

/// Echoes whatever a client sends, after printing what its handshake negotiated:
/// `HANDSHAKE version=TLSv1.3 client-cert=CN=client`.
final class ServerEchoHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event {
            let tls = try? context.pipeline.syncOperations.handler(type: NIOSSLServerHandler.self)
            PeerOutput.line(
                "HANDSHAKE version=\(PeerOutput.describe(tls?.tlsVersion)) client-cert=\(PeerOutput.describe(tls?.peerCertificate))")
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = self.unwrapInboundIn(data)
        PeerOutput.line("ECHO \(bytes.readableBytes) bytes")
        context.writeAndFlush(self.wrapOutboundOut(bytes), promise: nil)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        PeerOutput.line("ERROR \(error)")
        context.close(promise: nil)
    }
}
