import Logging
import NIOCore
import NIOHTTP1

/// The channel handlers of `tlskit server`'s listeners, after the TLS handler (if any).
enum FileServerPipeline {
    /// A connection with no reads or writes for this long is closed (handshake stalls included).
    static let idleTimeout = TimeAmount.seconds(60)

    /// HTTPS: the idle timeout, the handshake logger (right after `TLSHandler`), NIOHTTP1's server handlers, and
    /// the file handler. Also used without TLS by the tests (no handshake is then logged).
    static func configureFileServer(
        _ channel: any Channel, responder: StaticFileResponder, logger: Logger, idleTimeout: TimeAmount = idleTimeout
    ) throws {
        let operations = channel.pipeline.syncOperations
        try operations.addHandler(IdleStateHandler(allTimeout: idleTimeout))
        try operations.addHandler(IdleConnectionCloser())
        try operations.addHandler(HandshakeLogHandler(logger: logger))
        try operations.configureHTTPServerPipeline(withPipeliningAssistance: true, withErrorHandling: true)
        try operations.addHandler(StaticFileHandler(responder: responder))
    }

    /// Plain HTTP: NIOHTTP1's server handlers and the redirect to HTTPS.
    static func configureRedirect(_ channel: any Channel, httpsPort: Int, fallbackHost: String) throws {
        let operations = channel.pipeline.syncOperations
        try operations.addHandler(IdleStateHandler(allTimeout: idleTimeout))
        try operations.addHandler(IdleConnectionCloser())
        try operations.configureHTTPServerPipeline(withPipeliningAssistance: true, withErrorHandling: true)
        try operations.addHandler(HTTPSRedirectHandler(httpsPort: httpsPort, fallbackHost: fallbackHost))
    }
}
