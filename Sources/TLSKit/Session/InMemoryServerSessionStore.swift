import Foundation
import Synchronization

/// The default `ServerSessionStore`: at most `capacity` sessions in memory, each taken out on
/// first use; when full, the oldest entry is dropped. Thread-safe.
public final class InMemoryServerSessionStore: ServerSessionStore {
    private struct Entry {
        var session: [UInt8]
        var expiresAt: Date
    }

    private struct State {
        var entries: [[UInt8]: Entry] = [:]
        /// Ids in insertion order (may hold ids already taken).
        var order: [[UInt8]] = []
        var orderStart = 0
    }

    public let capacity: Int
    private let state = Mutex(State())

    public init(capacity: Int = 10_000) {
        self.capacity = max(1, capacity)
    }

    public func store(id: [UInt8], session: [UInt8], expiresAt: Date) {
        state.withLock { state in
            if state.entries.updateValue(Entry(session: session, expiresAt: expiresAt), forKey: id) == nil {
                state.order.append(id)
            }
            while state.entries.count > capacity, state.orderStart < state.order.count {
                state.entries[state.order[state.orderStart]] = nil
                state.orderStart += 1
            }
            // Compact the queue of ids once it holds many stale ones (taken or evicted).
            let queued = state.order.count - state.orderStart
            if queued > 2 * capacity || (state.orderStart > 64 && state.orderStart * 2 > state.order.count) {
                state.order = state.order[state.orderStart...].filter { state.entries[$0] != nil }
                state.orderStart = 0
            }
        }
    }

    public func take(id: [UInt8], now: Date) -> [UInt8]? {
        state.withLock { state in
            guard let entry = state.entries.removeValue(forKey: id), entry.expiresAt > now else { return nil }
            return entry.session
        }
    }

    /// The number of sessions held.
    public var count: Int { state.withLock { $0.entries.count } }
}
