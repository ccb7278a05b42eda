import NIOCore
import TLSKit

/// An established TLS connection over a `NIOAsyncChannel`, client or server: the handshake
/// has completed and `summary` says what was negotiated. Read and write plaintext inside
/// `executeThenClose`, which sends close_notify and closes the connection when the body
/// returns or throws. `TLSClient.connect` and `TLSServer.connections` hand these out.
///
/// The inbound sequence ends when the peer sends close_notify. It throws a `TLSError` on a
/// fatal error, and one with code `.closed` when the peer closes the TCP connection without
/// close_notify (the data may be truncated). `outbound.finish()` sends close_notify while
/// reading goes on (a half close, RFC 8446, Section 6.1).
public struct TLSAsyncConnection: Sendable {
    /// What was negotiated: version, cipher suite, group, ALPN protocol, the peer's certificates
    /// and the verdict on them; on a server also the SNI the client sent.
    public let summary: HandshakeSummary
    /// The underlying channel, for its addresses and options.
    public let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>

    public init(summary: HandshakeSummary, channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>) {
        self.summary = summary
        self.channel = channel
    }

    /// The address of the peer, if known.
    public var remoteAddress: SocketAddress? { self.channel.channel.remoteAddress }

    /// Gives `body` the plaintext stream from the peer and a writer to it; closes the
    /// connection (close_notify, then TCP) when `body` returns or throws.
    public func executeThenClose<Result>(
        isolation actor: isolated (any Actor)? = #isolation,
        _ body: (
            _ inbound: NIOAsyncChannelInboundStream<ByteBuffer>, _ outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
        ) async throws -> sending Result
    ) async throws -> sending Result {
        try await self.channel.executeThenClose(isolation: actor, body)
    }

    /// Keying material exported from the connection: TLS-Exporter(label, context, length)
    /// (RFC 8446, Section 7.5; RFC 5705). Both sides get the same bytes; see
    /// `TLSConnection.exportKeyingMaterial` for the rules on `label` and `length`.
    public func exportKeyingMaterial(label: String, context: [UInt8]? = nil, length: Int) async throws -> [UInt8] {
        try await self.channel.channel.exportTLSKeyingMaterial(label: label, context: context, length: length)
    }

    /// Sends a KeyUpdate and switches to new write keys (RFC 8446, Section 4.6.3); with
    /// `requestPeerUpdate` the peer must update its keys too. Keys are also updated
    /// automatically after `keyUpdateRecordThreshold` records.
    public func updateKeys(requestPeerUpdate: Bool = false) async throws {
        try await self.channel.channel.triggerUserOutboundEvent(TLSKeyUpdateRequest(requestPeerUpdate: requestPeerUpdate)).get()
    }

    /// Closes the connection without reading or writing (sends close_notify first). Closing a
    /// connection the peer has already closed does nothing.
    public func close() async throws {
        self.channel.outbound.finish()
        do {
            try await self.channel.channel.close()
        } catch ChannelError.alreadyClosed {
            return
        }
    }
}
