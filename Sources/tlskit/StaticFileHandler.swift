import NIOCore
import NIOHTTP1
import TLSKit
import TLSKitNIO

/// The last handler of an HTTPS file server connection, after NIOHTTP1's server pipeline
/// (which parses requests, and with pipelining assistance holds the next request until this
/// one's response has ended). Remembers what the TLS handshake negotiated, for the status page,
/// and answers each request with `StaticFileResponder` in a task.
final class StaticFileHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let responder: StaticFileResponder
    private var requestHead: HTTPRequestHead?
    private var summary: HandshakeSummary?
    /// A request that arrived in 0-RTT early data, answered once the handshake has completed
    /// (so the status page knows the parameters; the response could not go out earlier anyway).
    private var requestBeforeHandshake: HTTPRequestHead?

    init(responder: StaticFileResponder) {
        self.responder = responder
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch self.unwrapInboundIn(data) {
        case .head(let head):
            self.requestHead = head
        case .body:
            // Request bodies are not used; NIOHTTP1 hands them over in pieces, nothing is kept.
            break
        case .end:
            guard let head = self.requestHead else { return }
            self.requestHead = nil
            if self.summary == nil, let tls = try? context.pipeline.syncOperations.handler(type: TLSHandler.self),
                tls.handshakeSummary == nil
            {
                self.requestBeforeHandshake = head
                return
            }
            self.respond(to: head, context: context)
        }
    }

    private func respond(to head: HTTPRequestHead, context: ChannelHandlerContext) {
        let responder = self.responder
        let summary = self.summary
        let channel = context.channel
        let client = TLSServerLogLine.describe(channel.remoteAddress)
        Task {
            await responder.respond(to: head, summary: summary, clientAddress: client, channel: channel)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSHandshakeCompletedEvent {
            self.summary = event.summary
            if let head = self.requestBeforeHandshake {
                self.requestBeforeHandshake = nil
                self.respond(to: head, context: context)
            }
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // TLS errors were logged by the handshake logger and the TLS handler closes by itself;
        // anything else (HTTP parse errors are answered by NIOHTTP1) ends the connection.
        context.close(promise: nil)
    }
}

@available(*, unavailable)
extension StaticFileHandler: Sendable {}
