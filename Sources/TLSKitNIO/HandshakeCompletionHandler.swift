import NIOCore
import TLSKit

/// Sits after `TLSHandler` and completes a promise with the handshake summary, or fails it with
/// the first error (or end of connection) before the handshake completes. If the handshake takes
/// longer than `timeout` (counted from when the channel is active), the promise fails and the
/// channel is closed. Used by `TLSClient`.
final class HandshakeCompletionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private var promise: EventLoopPromise<HandshakeSummary>?
    private let timeout: TimeAmount?
    private var timeoutTask: Scheduled<Void>?

    init(promise: EventLoopPromise<HandshakeSummary>, timeout: TimeAmount? = nil) {
        self.promise = promise
        self.timeout = timeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive {
            self.startTimer(context: context)
        }
    }

    func channelActive(context: ChannelHandlerContext) {
        self.startTimer(context: context)
        context.fireChannelActive()
    }

    private func startTimer(context: ChannelHandlerContext) {
        guard let timeout = self.timeout, self.timeoutTask == nil, self.promise != nil else { return }
        self.timeoutTask = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
            guard let promise = self.promise else { return }
            self.promise = nil
            let seconds = timeout.nanoseconds / 1_000_000_000
            promise.fail(TLSError(code: .closed, reason: "the TLS handshake did not complete within \(seconds) seconds"))
            context.close(promise: nil)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSHandshakeCompletedEvent {
            self.promise?.succeed(event.summary)
            self.promise = nil
            self.timeoutTask?.cancel()
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
        self.timeoutTask?.cancel()
        self.promise?.fail(TLSError(code: .closed, reason: "the connection closed during the handshake"))
        self.promise = nil
    }
}

@available(*, unavailable)
extension HandshakeCompletionHandler: Sendable {}
