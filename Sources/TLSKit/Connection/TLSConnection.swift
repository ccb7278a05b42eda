import NIOCore

/// One TLS connection, without I/O: bytes in, actions out (see ../shared/DESIGN.md).
///
/// ```swift
/// var connection = try TLSConnection(configuration: configuration, serverName: "example.com")
/// connection.receive(&bytesFromNetwork)
/// while let action = try connection.nextAction() { ... }
/// try connection.write(applicationData)
/// ```
///
/// After a fatal error `nextAction()` first returns `.send` with the alert, then throws the
/// `TLSError` on this and every later call.
public struct TLSConnection: Sendable {
    // STUB: replaced by the real implementation (client state machine) during integration.

    /// Starts a client connection; the ClientHello is ready at the first `nextAction()`.
    /// `serverName` is a DNS name or an IP address literal; it is sent as SNI when it is a name.
    public init(configuration: TLSClientConfiguration, serverName: String?) throws {}

    /// Hands bytes read from the network to the connection; it consumes all of them.
    public mutating func receive(_ bytes: inout ByteBuffer) { bytes.moveReaderIndex(to: bytes.writerIndex) }

    /// The next thing the driver must do, or nil when the connection needs more input.
    public mutating func nextAction() throws -> TLSAction? { nil }

    /// Hands back the verdict asked for by `TLSAction.verifyPeer`.
    public mutating func completeVerification(_ result: CertificateVerificationResult) {}

    /// Encrypts application data; valid once the handshake has completed.
    public mutating func write(_ plaintext: ByteBuffer) throws {
        throw TLSError(code: .invalidState, reason: "write before the handshake completed")
    }

    /// Sends close_notify (RFC 8446, Section 6.1); nothing more may be written afterwards.
    public mutating func close() {}

    /// Whether the handshake has completed.
    public var isHandshakeComplete: Bool { false }

    /// The negotiated parameters, once the handshake has completed.
    public var summary: HandshakeSummary? { nil }
}
