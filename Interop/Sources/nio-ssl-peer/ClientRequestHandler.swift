import NIOCore
import NIOSSL
import NIOTLS

/// Sends `request` once the handshake is done and completes `reply` with everything received
/// as soon as it holds `expected` (or when the server closes); prints
/// `HANDSHAKE version=TLSv1.3 server-cert=CN=...` after the handshake.
final class ClientRequestHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let request: String
    private let expected: String
    private let reply: EventLoopPromise<String>
    private var received = ""
    /// Whether `reply` has been completed (a promise is completed once).
    private var completed = false

    init(request: String, expected: String, reply: EventLoopPromise<String>) {
        self.request = request
        self.expected = expected
        self.reply = reply
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event {
            let tls = try? context.pipeline.syncOperations.handler(type: NIOSSLClientHandler.self)
            PeerOutput.line(
                "HANDSHAKE version=\(PeerOutput.describe(tls?.tlsVersion)) server-cert=\(PeerOutput.describe(tls?.peerCertificate))")
            context.writeAndFlush(self.wrapOutboundOut(ByteBuffer(string: self.request)), promise: nil)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        self.received += String(buffer: self.unwrapInboundIn(data))
        if self.received.contains(self.expected) {
            self.complete(.success(self.received))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.complete(.success(self.received))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        self.complete(.failure(error))
        context.close(promise: nil)
    }

    private func complete(_ result: Result<String, any Error>) {
        guard !self.completed else { return }
        self.completed = true
        self.reply.completeWith(result)
    }
}
