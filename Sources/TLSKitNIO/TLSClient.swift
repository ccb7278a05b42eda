import NIOCore
import NIOPosix
import TLSKit

/// Opens TLS client connections with async/await.
///
/// ```swift
/// let configuration = TLSClientConfiguration(certificateVerifier: DefaultCertificateVerifier(trustRoots: .system))
/// let connection = try await TLSClient.connect(host: "example.com", port: 443, configuration: configuration)
/// try await connection.executeThenClose { inbound, outbound in
///     try await outbound.write(ByteBuffer(string: "GET / HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n"))
///     for try await chunk in inbound { print(String(buffer: chunk), terminator: "") }
/// }
/// ```
///
/// Session tickets the server sends land in `configuration.sessionCache`; a later `connect`
/// with the same configuration resumes one of them (`summary.resumed`), or pass a saved
/// session as `resuming:`, with `earlyData:` to send a replay-safe request as 0-RTT data.
public enum TLSClient {
    /// Connects to `host:port`, runs the TLS handshake and returns once it has completed.
    ///
    /// - Parameters:
    ///   - host: A DNS name or an IP address literal to connect to.
    ///   - port: The TCP port.
    ///   - serverName: The name to send as SNI and verify the certificate for; defaults to `host`.
    ///     An IP address literal is verified against the certificate's IP addresses, not sent as SNI.
    ///   - configuration: Suites, groups, ALPN protocols and the certificate verifier.
    ///   - eventLoopGroup: Where the connection runs.
    ///   - connectTimeout: How long to wait for the TCP connection.
    ///   - handshakeTimeout: How long to wait for the TLS handshake once connected; nil:
    ///     `configuration.limits.handshakeTimeout` (10 seconds by default).
    ///   - session: A session to resume (one saved with `ClientSession.serialized()`); nil takes
    ///     one from `configuration.sessionCache`, if it holds one for this server name and ALPN.
    ///   - earlyData: Data to send first. It goes as 0-RTT early data with the ClientHello when
    ///     `configuration.enableEarlyData` is set and the session offered allows that much (see
    ///     `TLSConnection.earlyDataCapacity`); otherwise, and when the server rejects it, it is
    ///     sent as ordinary data right after the handshake, so the server gets it exactly once.
    ///     `summary.earlyDataAccepted` says which happened. 0-RTT data may be replayed by an
    ///     attacker: use it only for requests that are safe to repeat.
    /// - Throws: NIO's connection errors (refused, unreachable, timeout) or the `TLSError` that ended
    ///   the handshake (failed verification, no shared cipher suite, alert from the server, ...).
    public static func connect(
        host: String,
        port: Int,
        serverName: String? = nil,
        configuration: TLSClientConfiguration,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        connectTimeout: TimeAmount = .seconds(10),
        handshakeTimeout: TimeAmount? = nil,
        resuming session: ClientSession? = nil,
        earlyData: ByteBuffer? = nil
    ) async throws -> TLSClientConnection {
        let name = serverName ?? host
        let configuration = configuration.withHandshakeTimeout(handshakeTimeout)
        let (channel, handshake) = try await ClientBootstrap(group: eventLoopGroup)
            .connectTimeout(connectTimeout)
            .channelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let promise = channel.eventLoop.makePromise(of: HandshakeSummary.self)
                    let operations = channel.pipeline.syncOperations
                    try operations.addHandler(
                        TLSHandler(configuration: configuration, serverName: name, resuming: session, earlyData: earlyData))
                    try operations.addHandler(HandshakeCompletionHandler(promise: promise))
                    let asyncChannel = try NIOAsyncChannel<ByteBuffer, ByteBuffer>(
                        wrappingChannelSynchronously: channel,
                        configuration: .init(isOutboundHalfClosureEnabled: true)
                    )
                    return (asyncChannel, promise.futureResult)
                }
            }
        do {
            let summary = try await handshake.get()
            return TLSClientConnection(summary: summary, channel: channel)
        } catch {
            try? await channel.channel.close()
            throw error
        }
    }
}
