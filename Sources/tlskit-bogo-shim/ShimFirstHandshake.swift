import TLSKit

/// The summary of the run's first handshake. BoringSSL reports a resumed connection's group
/// and peer signature algorithm from the session (RFC 8446, Section 2.2: no new signature),
/// while TLSKit's summary has none; the `-expect-*` checks of resumptions fall back to this.
/// Likewise the verdict on the peer's chain (`-expect-verify-result`), which a resumption
/// carries over from the session without verifying again.
final class ShimFirstHandshake: @unchecked Sendable {
    var summary: HandshakeSummary?
    var chainVerified = true
}
