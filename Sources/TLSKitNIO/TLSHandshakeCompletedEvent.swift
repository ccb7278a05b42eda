import TLSKit

/// Fired by `TLSHandler` through `fireUserInboundEventTriggered` right after NIOTLS's
/// `TLSUserEvent.handshakeCompleted(negotiatedProtocol:)`, carrying everything that was negotiated.
///
/// ```swift
/// func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
///     if let event = event as? TLSHandshakeCompletedEvent {
///         print(event.summary.cipherSuite)
///     }
///     context.fireUserInboundEventTriggered(event)
/// }
/// ```
public struct TLSHandshakeCompletedEvent: Sendable, Hashable {
    /// The negotiated version, suite, group, ALPN protocol, peer certificates and verdict.
    public var summary: HandshakeSummary

    public init(summary: HandshakeSummary) {
        self.summary = summary
    }
}
