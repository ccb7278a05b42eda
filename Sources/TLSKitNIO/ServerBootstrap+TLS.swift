import NIOCore
import NIOPosix
import TLSKit

extension ServerBootstrap {
    /// Binds to `host:port` and puts a server `TLSHandler` first in each accepted channel's
    /// pipeline, then runs `childChannelInitializer` to add the application's handlers after it.
    ///
    /// The certificate is chosen per connection by the handshake from `configuration.identities`
    /// (by the SNI the client sent, and by what it can verify), so one listener serves several
    /// names. Handlers after the TLS handler see plaintext, and receive NIOTLS's
    /// `TLSUserEvent.handshakeCompleted(negotiatedProtocol:)` followed by
    /// `TLSHandshakeCompletedEvent` with the negotiated summary (including the SNI in
    /// `summary.serverName` and the client's certificates in `summary.peerCertificates`).
    ///
    /// This sets the bootstrap's child channel initializer, replacing one set before.
    ///
    /// ```swift
    /// let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
    ///     .bindTLS(host: "127.0.0.1", port: 8443, configuration: configuration) { channel in
    ///         channel.eventLoop.makeCompletedFuture {
    ///             try channel.pipeline.syncOperations.addHandler(MyHandler())
    ///         }
    ///     }
    ///     .get()
    /// ```
    public func bindTLS(
        host: String,
        port: Int,
        configuration: TLSServerConfiguration,
        childChannelInitializer: @escaping @Sendable (any Channel) -> EventLoopFuture<Void> = { $0.eventLoop.makeSucceededVoidFuture() }
    ) -> EventLoopFuture<any Channel> {
        self.childChannelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(TLSHandler(configuration: configuration))
            }.flatMap {
                childChannelInitializer(channel)
            }
        }
        .bind(host: host, port: port)
    }
}
