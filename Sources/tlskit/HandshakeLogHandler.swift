import Logging
import NIOCore
import TLSKit
import TLSKitNIO

/// Sits right after the server's `TLSHandler` and logs one line per connection: the
/// negotiated parameters when the handshake completes, or why it failed.
final class HandshakeLogHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let logger: Logger
    private var completed = false
    private var reported = false
    private var remote = "unknown"

    init(logger: Logger) {
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.remote = TLSServerLogLine.describe(context.channel.remoteAddress)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSHandshakeCompletedEvent, !self.completed {
            self.completed = true
            self.logger.info("\(TLSServerLogLine.handshake(event.summary, remote: self.remote))")
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if !self.completed, !self.reported {
            self.reported = true
            self.logger.notice("\(TLSServerLogLine.failure(error, remote: self.remote))")
        }
        context.fireErrorCaught(error)
    }
}

@available(*, unavailable)
extension HandshakeLogHandler: Sendable {}
