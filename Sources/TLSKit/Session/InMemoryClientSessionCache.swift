import Foundation
import Synchronization

/// The default `ClientSessionCache`: up to `ticketsPerServer` tickets for each of at most
/// `capacity` keys, the least recently used key dropped first. Each ticket is handed out
/// once unless `reuseTickets` is set (which lets a network observer link the connections,
/// RFC 8446, Appendix C.4). Thread-safe.
public final class InMemoryClientSessionCache: ClientSessionCache {
    private struct State {
        var sessions: [ClientSessionKey: [ClientSession]] = [:]
        /// Keys, least recently used first.
        var recency: [ClientSessionKey] = []
    }

    public let capacity: Int
    public let ticketsPerServer: Int
    public let reuseTickets: Bool
    private let state = Mutex(State())

    public init(capacity: Int = 256, ticketsPerServer: Int = 4, reuseTickets: Bool = false) {
        self.capacity = max(1, capacity)
        self.ticketsPerServer = max(1, ticketsPerServer)
        self.reuseTickets = reuseTickets
    }

    public func store(_ session: ClientSession, for key: ClientSessionKey) {
        state.withLock { state in
            var list = state.sessions[key] ?? []
            list.append(session)
            if list.count > ticketsPerServer { list.removeFirst(list.count - ticketsPerServer) }
            state.sessions[key] = list
            touch(key, in: &state)
            while state.recency.count > capacity {
                state.sessions[state.recency.removeFirst()] = nil
            }
        }
    }

    public func take(for key: ClientSessionKey, now: Date) -> ClientSession? {
        state.withLock { state in
            guard var list = state.sessions[key] else { return nil }
            list.removeAll { $0.expiresAt <= now }
            let session = list.last
            if !reuseTickets, !list.isEmpty { list.removeLast() }
            if list.isEmpty {
                state.sessions[key] = nil
                state.recency.removeAll { $0 == key }
            } else {
                state.sessions[key] = list
                touch(key, in: &state)
            }
            return session
        }
    }

    public func remove(_ session: ClientSession, for key: ClientSessionKey) {
        state.withLock { state in
            guard var list = state.sessions[key] else { return }
            list.removeAll { $0.isSameSession(as: session) }
            state.sessions[key] = list.isEmpty ? nil : list
            if list.isEmpty { state.recency.removeAll { $0 == key } }
        }
    }

    /// The newest session still valid at `now` for `key`, left in the cache (to save it with
    /// `ClientSession.serialized()`, as `tlskit client --sess-out` does); nil when there is none.
    public func latestSession(for key: ClientSessionKey, now: Date = Date()) -> ClientSession? {
        state.withLock { state in state.sessions[key]?.last { $0.expiresAt > now } }
    }

    /// The number of tickets held.
    public var count: Int { state.withLock { $0.sessions.values.reduce(0) { $0 + $1.count } } }

    private func touch(_ key: ClientSessionKey, in state: inout State) {
        state.recency.removeAll { $0 == key }
        state.recency.append(key)
    }
}
