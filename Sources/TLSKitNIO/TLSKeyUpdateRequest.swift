/// An outbound user event that makes `TLSHandler` update its write keys with a KeyUpdate
/// (RFC 8446, Section 4.6.3); with `requestPeerUpdate` the peer must update its keys too.
/// The promise fails with `TLSError` (`.invalidState`) before the handshake has completed or
/// after close_notify.
///
/// ```swift
/// try await channel.triggerUserOutboundEvent(TLSKeyUpdateRequest(requestPeerUpdate: true))
/// ```
///
/// `TLSHandler` also updates keys by itself after `keyUpdateRecordThreshold` records.
public struct TLSKeyUpdateRequest: Sendable, Hashable {
    public var requestPeerUpdate: Bool

    public init(requestPeerUpdate: Bool = false) {
        self.requestPeerUpdate = requestPeerUpdate
    }
}
