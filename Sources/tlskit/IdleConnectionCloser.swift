import NIOCore

/// Closes a connection that has been silent for too long, so idle or stalled clients (one
/// that opens a connection and never finishes its handshake, say) cannot hold server
/// resources forever. Works with NIO's `IdleStateHandler`, which fires the event; closing
/// goes through `TLSHandler`, which sends close_notify when the handshake had completed.
final class IdleConnectionCloser: ChannelInboundHandler {
    typealias InboundIn = NIOAny

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent {
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }
}
