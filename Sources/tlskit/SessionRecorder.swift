import Foundation
import Synchronization
import TLSKit

/// The client session cache of `tlskit client`: an `InMemoryClientSessionCache` that also
/// counts the tickets stored, so the command can wait for the server's NewSessionTickets
/// (RFC 8446, Section 4.6.1) before it saves one (`--sess-out`) or reconnects (`--reconnect`).
final class SessionRecorder: ClientSessionCache {
    private struct State {
        var stored = 0
        var lastKey: ClientSessionKey?
        var latest: ClientSession?
    }

    let cache = InMemoryClientSessionCache()
    private let state = Mutex(State())

    func store(_ session: ClientSession, for key: ClientSessionKey) {
        cache.store(session, for: key)
        state.withLock { state in
            state.stored += 1
            state.lastKey = key
            state.latest = session
        }
    }

    func take(for key: ClientSessionKey, now: Date) -> ClientSession? {
        cache.take(for: key, now: now)
    }

    func remove(_ session: ClientSession, for key: ClientSessionKey) {
        cache.remove(session, for: key)
        state.withLock { state in
            if let latest = state.latest, latest.ticket == session.ticket, latest.receivedAt == session.receivedAt { state.latest = nil }
        }
    }

    /// How many tickets have arrived so far.
    var storedCount: Int { state.withLock { $0.stored } }

    /// The newest session not yet used for a resumption (tickets are used once), else the
    /// newest received at all; nil before the first ticket.
    var newestSession: ClientSession? {
        let (key, latest) = state.withLock { ($0.lastKey, $0.latest) }
        guard let key else { return nil }
        return cache.latestSession(for: key) ?? latest
    }

    /// Waits until more than `count` tickets have arrived, or `timeout` passes; returns whether they did.
    func waitForTickets(moreThan count: Int, timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while self.storedCount <= count {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return true
    }
}
