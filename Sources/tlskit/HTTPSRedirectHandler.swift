import NIOCore
import NIOHTTP1

/// Answers every request on the plain HTTP listener with `301 Moved Permanently` to the same
/// path on the HTTPS listener (see `HTTPSRedirectLocation`). No Strict-Transport-Security here:
/// browsers ignore it over plain HTTP (RFC 6797, Section 8.1).
final class HTTPSRedirectHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let httpsPort: Int
    private let fallbackHost: String
    private var requestHead: HTTPRequestHead?

    init(httpsPort: Int, fallbackHost: String) {
        self.httpsPort = httpsPort
        self.fallbackHost = fallbackHost
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch self.unwrapInboundIn(data) {
        case .head(let head):
            self.requestHead = head
        case .body:
            break
        case .end:
            guard let head = self.requestHead else { return }
            self.requestHead = nil
            let response = Self.response(to: head, httpsPort: self.httpsPort, fallbackHost: self.fallbackHost)
            context.write(self.wrapOutboundOut(.head(response.head)), promise: nil)
            if head.method != .HEAD {
                context.write(self.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: response.body)))), promise: nil)
            }
            let keepAlive = head.isKeepAlive
            context.writeAndFlush(self.wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
                if !keepAlive { context.close(promise: nil) }
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    /// The 301 for `head`: its head (Location, Content-Type, Content-Length) and a short body.
    static func response(to head: HTTPRequestHead, httpsPort: Int, fallbackHost: String) -> (head: HTTPResponseHead, body: String) {
        let location = HTTPSRedirectLocation.make(
            hostHeader: head.headers.first(name: "Host"), target: head.uri, httpsPort: httpsPort, fallbackHost: fallbackHost)
        let body = "Moved Permanently: \(location)\n"
        var headers = HTTPHeaders()
        headers.add(name: "Location", value: location)
        headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        headers.add(name: "Content-Length", value: "\(body.utf8.count)")
        headers.add(name: "Server", value: "tlskit")
        if !head.isKeepAlive {
            headers.add(name: "Connection", value: "close")
        }
        return (HTTPResponseHead(version: head.version, status: .movedPermanently, headers: headers), body)
    }
}

@available(*, unavailable)
extension HTTPSRedirectHandler: Sendable {}
