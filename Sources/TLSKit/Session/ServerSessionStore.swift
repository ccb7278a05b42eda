import Foundation

/// Server-side session storage, an alternative to stateless tickets (RFC 8446, Section
/// 4.6.1): the ticket the client holds is only a random id, and the session state stays here.
///
/// Entries are taken out when a client presents the id, so every ticket resumes at most once;
/// that also makes 0-RTT data on such tickets safe from replay (RFC 8446, Section 8.1). The
/// session bytes are opaque and secret (they hold the resumption PSK): store them accordingly.
public protocol ServerSessionStore: Sendable {
    /// Keeps `session` under `id` until `expiresAt`.
    func store(id: [UInt8], session: [UInt8], expiresAt: Date)
    /// Removes and returns the session stored under `id`, or nil when unknown or expired.
    func take(id: [UInt8], now: Date) -> [UInt8]?
}
