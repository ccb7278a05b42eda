import NIOCore
import TLSKit

/// Sits after `TLSHandler` and completes a promise with the handshake summary, or fails it with
/// the first error (or end of connection) before the handshake completes, including
/// `TLSHandler`'s handshake timeout. Used by `TLSClient` and `TLSServer`.
final class HandshakeCompletionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private var promise: EventLoopPromise<HandshakeSummary>?

    init(promise: EventLoopPromise<HandshakeSummary>) {
        self.promise = promise
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSHandshakeCompletedEvent {
            self.promise?.succeed(event.summary)
            self.promise = nil
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        self.promise?.fail(error)
        self.promise = nil
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.promise?.fail(TLSError(code: .closed, reason: "the connection closed during the handshake"))
        self.promise = nil
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.promise?.fail(TLSError(code: .closed, reason: "the connection closed during the handshake"))
        self.promise = nil
    }
}

@available(*, unavailable)
extension HandshakeCompletionHandler: Sendable {}
