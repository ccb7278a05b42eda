import NIOCore

/// What the sans-I/O core asks of its driver, one step at a time (see `TLSConnection.nextAction()`).
public enum TLSAction: Sendable {
    /// Write these bytes (one or more complete records) to the network.
    case send(ByteBuffer)
    /// Application data from the peer, decrypted. On a server, data delivered before
    /// `.handshakeCompleted` is 0-RTT early data (only with `maxEarlyDataSize > 0`), which an
    /// attacker may have replayed (RFC 8446, Section 8).
    case deliver(ByteBuffer)
    /// The handshake is paused until `completeVerification(_:)` hands back the verdict.
    case verifyPeer(CertificateVerificationRequest)
    /// The handshake finished; application data may flow both ways.
    case handshakeCompleted(HandshakeSummary)
    /// The peer closed the connection cleanly with close_notify (RFC 8446, Section 6.1).
    case closed
}
