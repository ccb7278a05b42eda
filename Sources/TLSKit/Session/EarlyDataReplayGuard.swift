import Foundation

/// Decides whether a 0-RTT ClientHello is seen for the first time (RFC 8446, Section 8.2).
///
/// With stateless tickets a recorded ClientHello can be replayed to the server; the server
/// accepts its early data only when the guard admits the ClientHello's identifier (its PSK
/// binder, unique to the ClientHello). A ClientHello older than the ticket age window is
/// refused by the age check anyway, so an identifier needs to be remembered only until
/// `rememberUntil`. A fleet that must refuse replays across servers shares one guard.
public protocol EarlyDataReplayGuard: Sendable {
    /// Records `identifier` and returns true if it was not seen before; returns false for a
    /// repeat, and whenever it cannot tell (the early data is then rejected, the handshake
    /// goes on in 1-RTT).
    func admit(_ identifier: [UInt8], rememberUntil: Date, now: Date) -> Bool
}
