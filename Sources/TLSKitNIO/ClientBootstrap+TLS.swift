import NIOCore
import NIOPosix
import TLSKit

extension ClientBootstrap {
    /// Connects to `host:port` and puts a client `TLSHandler` first in the new channel's pipeline,
    /// then runs `channelInitializer` to add the application's handlers after it.
    ///
    /// This sets the bootstrap's channel initializer, replacing one set before. `serverName`
    /// defaults to `host`; an IP address literal is verified against the certificate's IP
    /// addresses and not sent as SNI.
    ///
    /// ```swift
    /// let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
    ///     .connectTLS(host: "example.com", port: 443, configuration: configuration) { channel in
    ///         channel.eventLoop.makeCompletedFuture {
    ///             try channel.pipeline.syncOperations.addHandler(MyHandler())
    ///         }
    ///     }
    ///     .get()
    /// ```
    public func connectTLS(
        host: String,
        port: Int,
        configuration: TLSClientConfiguration,
        serverName: String? = nil,
        channelInitializer: @escaping @Sendable (any Channel) -> EventLoopFuture<Void> = { $0.eventLoop.makeSucceededVoidFuture() }
    ) -> EventLoopFuture<any Channel> {
        let name = serverName ?? host
        return self.channelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                let handler = try TLSHandler(configuration: configuration, serverName: name)
                try channel.pipeline.syncOperations.addHandler(handler)
            }.flatMap {
                channelInitializer(channel)
            }
        }
        .connect(host: host, port: port)
    }
}
