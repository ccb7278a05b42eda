import Logging
import NIOCore
import NIOPosix
import TLSKit

/// A TLS server with async/await: it listens, runs each handshake on its own, and hands out
/// the connections whose handshake completed through `connections`.
///
/// ```swift
/// let identity = try TLSCertificateIdentity(certificatePEMFile: "chain.pem", privateKeyPEMFile: "key.pem")
/// let server = try await TLSServer.bind(host: "127.0.0.1", port: 8443, configuration: .modern(identities: [identity]))
/// try await withThrowingDiscardingTaskGroup { group in
///     for await connection in server.connections {
///         group.addTask {
///             try await connection.executeThenClose { inbound, outbound in
///                 for try await chunk in inbound { try await outbound.write(chunk) }
///             }
///         }
///     }
/// }
/// ```
///
/// Handshakes run concurrently, so a slow or silent client does not hold up the others; each
/// must complete within `handshakeTimeout` (by default `configuration.limits.handshakeTimeout`,
/// 10 seconds). A handshake that fails is logged (at `info` level,
/// with the client's address and the error) and its connection closed; the server goes on.
/// At most `maximumPendingConnections` completed connections wait to be taken from
/// `connections`; beyond that new ones are logged and closed, which bounds the memory a flood
/// of clients can take. The sequence ends when the server is closed; when the consumer stops
/// iterating it, the server closes.
public struct TLSServer: Sendable {
    /// The listening channel.
    public let channel: any Channel
    /// Connections whose handshake completed, in the order they completed.
    public let connections: TLSServerConnections

    /// The address the server listens on (with the port chosen by the system if 0 was asked for).
    public var localAddress: SocketAddress? { self.channel.localAddress }

    /// Stops listening. Connections already handed out stay open.
    public func close() async throws {
        try await self.channel.close()
    }

    /// Binds to `host:port` and starts accepting connections.
    ///
    /// - Parameters:
    ///   - host: The address to listen on (`127.0.0.1`, `::1`, `0.0.0.0`, or a name that resolves to one).
    ///   - port: The TCP port; 0 lets the system choose (see `localAddress`).
    ///   - configuration: The certificates (chosen per connection by SNI), suites, groups, ALPN
    ///     protocols and client authentication.
    ///   - eventLoopGroup: Where the listener and the connections run.
    ///   - handshakeTimeout: How long a client has to complete the handshake once connected;
    ///     nil: `configuration.limits.handshakeTimeout`.
    ///   - maximumPendingConnections: How many completed connections may wait in `connections`.
    ///   - logger: Where failed handshakes are reported.
    /// - Throws: NIO's bind errors (address in use, permission denied).
    public static func bind(
        host: String,
        port: Int,
        configuration: TLSServerConfiguration,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        handshakeTimeout: TimeAmount? = nil,
        maximumPendingConnections: Int = 256,
        logger: Logger = Logger(label: "TLSKitNIO.TLSServer")
    ) async throws -> TLSServer {
        let configuration = configuration.withHandshakeTimeout(handshakeTimeout)
        let (stream, continuation) = AsyncStream.makeStream(
            of: QueuedConnection.self, bufferingPolicy: .bufferingOldest(max(1, maximumPendingConnections)))
        let channel: any Channel
        do {
            channel = try await ServerBootstrap(group: eventLoopGroup)
                .serverChannelOption(ChannelOptions.backlog, value: 256)
                .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
                .childChannelInitializer { child in
                    Self.initializeChild(
                        child, configuration: configuration, continuation: continuation, logger: logger)
                }
                .bind(host: host, port: port)
                .get()
        } catch {
            continuation.finish()
            throw error
        }
        channel.closeFuture.whenComplete { _ in continuation.finish() }
        continuation.onTermination = { _ in channel.close(promise: nil) }
        return TLSServer(channel: channel, connections: TLSServerConnections(queue: stream))
    }

    /// Installs the TLS handler and the async wrapper; hands the connection to `continuation`
    /// once its handshake completes, or logs why it did not.
    private static func initializeChild(
        _ child: any Channel,
        configuration: TLSServerConfiguration,
        continuation: AsyncStream<QueuedConnection>.Continuation,
        logger: Logger
    ) -> EventLoopFuture<Void> {
        child.eventLoop.makeCompletedFuture {
            let operations = child.pipeline.syncOperations
            do {
                try operations.addHandler(TLSHandler(configuration: configuration))
            } catch {
                logger.error(
                    "cannot start a TLS server connection",
                    metadata: ["peer": "\(Self.describe(child.remoteAddress))", "error": "\(error)"])
                throw error
            }
            let promise = child.eventLoop.makePromise(of: HandshakeSummary.self)
            do {
                try operations.addHandler(HandshakeCompletionHandler(promise: promise))
            } catch {
                promise.fail(error)
                throw error
            }
            let asyncChannel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
            do {
                asyncChannel = try NIOAsyncChannel<ByteBuffer, ByteBuffer>(
                    wrappingChannelSynchronously: child,
                    configuration: .init(isOutboundHalfClosureEnabled: true)
                )
            } catch {
                promise.fail(error)
                throw error
            }
            let remote = Self.describe(child.remoteAddress)
            promise.futureResult.whenComplete { result in
                switch result {
                case .success(let summary):
                    // Not enqueued, the connection is released here, and closes itself.
                    let connection = QueuedConnection(TLSServerConnection(summary: summary, channel: asyncChannel))
                    if case .dropped = continuation.yield(connection) {
                        logger.info("connection closed: too many connections waiting to be accepted", metadata: ["peer": "\(remote)"])
                    }
                case .failure(let error):
                    logger.info("TLS handshake failed", metadata: ["peer": "\(remote)", "error": "\(error)"])
                    QueuedConnection.discard(asyncChannel)
                }
            }
        }
    }

    /// `127.0.0.1:54321` or `[::1]:54321`.
    static func describe(_ address: SocketAddress?) -> String {
        guard let address, let ip = address.ipAddress, let port = address.port else { return "unknown" }
        return address.protocol == .inet6 ? "[\(ip)]:\(port)" : "\(ip):\(port)"
    }
}
