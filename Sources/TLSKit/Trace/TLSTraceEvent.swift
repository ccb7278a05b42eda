/// One step of a connection, as `TLSProtocolSettings.observer` is told of it, in the order the
/// connection takes it: the handshake messages (RFC 8446, Section 4; RFC 5246, Section 7.4),
/// change_cipher_spec and alerts, each key derivation and key change, the certificate check,
/// the end of the handshake. Secrets are named, never given: their values go only to the key
/// log. The core reads no clock; a driver that wants timings stamps the events as they come.
public enum TLSTraceEvent: Sendable, Hashable {
    /// A handshake message, decoded, and its size: the 4-byte handshake header and the body,
    /// without record headers or protection.
    case handshakeMessage(HandshakeMessage, TLSTraceDirection, size: Int)
    /// A change_cipher_spec record: TLS 1.2's switch to the new keys (RFC 5246, Section 7.1),
    /// or TLS 1.3's middlebox-compatibility one (RFC 8446, Appendix D.4).
    case changeCipherSpec(TLSTraceDirection)
    /// An alert (RFC 8446, Section 6; RFC 5246, Section 7.2).
    case alert(AlertDescription, fatal: Bool, TLSTraceDirection)
    /// A secret was derived, by its key log name: CLIENT_HANDSHAKE_TRAFFIC_SECRET and the
    /// others of RFC 8446, Section 7.1; CLIENT_RANDOM for TLS 1.2's master secret (RFC 5246,
    /// Section 8.1; RFC 7627).
    case secretDerived(name: String)
    /// Records this side writes (`.sent`) or reads (`.received`) are protected with new keys
    /// from here on.
    case keysChanged(TLSTraceDirection)
    /// The peer's certificate chain went to the certificate verifier.
    case certificateVerificationRequested(CertificateVerificationRequest)
    /// The verifier's verdict on it.
    case certificateVerified(CertificateVerificationResult)
    /// The handshake is complete.
    case handshakeCompleted(HandshakeSummary)
}
