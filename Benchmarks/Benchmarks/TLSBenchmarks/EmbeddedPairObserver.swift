import NIOCore
import NIOTLS
import TLSKitNIO

/// The last handler of each side of an `EmbeddedTLSPair`: counts the application bytes the
/// side receives and notes its completed handshake, as either stack reports it.
final class EmbeddedPairObserver: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    private(set) var receivedBytes = 0
    private(set) var handshakeCompleted = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        receivedBytes += unwrapInboundIn(data).readableBytes
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is TLSHandshakeCompletedEvent { handshakeCompleted = true }
        if case .handshakeCompleted = event as? TLSUserEvent { handshakeCompleted = true }
        context.fireUserInboundEventTriggered(event)
    }
}
