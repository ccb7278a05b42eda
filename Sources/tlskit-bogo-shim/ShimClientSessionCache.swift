import Foundation
import Synchronization
import TLSKit

/// The client's session cache for a shim run, which also remembers whether the last ticket
/// received allows 0-RTT data (`-expect-ticket-supports-early-data`, RFC 8446, Section 4.2.10).
final class ShimClientSessionCache: ClientSessionCache {
    private let sessions = InMemoryClientSessionCache()
    private let lastAllowsEarlyData = Mutex(false)

    var lastSessionAllowsEarlyData: Bool { lastAllowsEarlyData.withLock { $0 } }

    func store(_ session: ClientSession, for key: ClientSessionKey) {
        lastAllowsEarlyData.withLock { $0 = session.allowsEarlyData }
        sessions.store(session, for: key)
    }

    func take(for key: ClientSessionKey, now: Date) -> ClientSession? { sessions.take(for: key, now: now) }

    func remove(_ session: ClientSession, for key: ClientSessionKey) { sessions.remove(session, for: key) }
}
