import NIOCore
import NIOTLS
import Synchronization
import TLSKit
import TLSKitNIO

/// Records what `TLSHandler` passes up the pipeline.
final class EventRecorder: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    struct Recorded {
        var reads: [String] = []
        /// Reads and read completions in order: `read(TEXT)` and `readComplete`.
        var readSequence: [String] = []
        var tlsEvents: [TLSUserEvent] = []
        var summaries: [HandshakeSummary] = []
        var errors: [TLSError] = []
        var otherErrors: [String] = []
        var inactive = false
    }

    let recorded = Mutex(Recorded())

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let text = String(buffer: self.unwrapInboundIn(data))
        self.recorded.withLock {
            $0.reads.append(text)
            $0.readSequence.append("read(\(text))")
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        self.recorded.withLock { $0.readSequence.append("readComplete") }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        self.recorded.withLock { recorded in
            if let event = event as? TLSUserEvent { recorded.tlsEvents.append(event) }
            if let event = event as? TLSHandshakeCompletedEvent { recorded.summaries.append(event.summary) }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        self.recorded.withLock { recorded in
            if let error = error as? TLSError {
                recorded.errors.append(error)
            } else {
                recorded.otherErrors.append("\(error)")
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.recorded.withLock { $0.inactive = true }
    }
}
