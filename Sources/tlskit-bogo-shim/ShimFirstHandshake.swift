import TLSKit

/// The summary of the run's first handshake. BoringSSL reports a resumed connection's group
/// and peer signature algorithm from the session (RFC 8446, Section 2.2: no new signature),
/// while TLSKit's summary has none; the `-expect-*` checks of resumptions fall back to this.
final class ShimFirstHandshake: @unchecked Sendable {
    var summary: HandshakeSummary?
}
