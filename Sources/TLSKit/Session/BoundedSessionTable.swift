import Foundation

/// Encoded sessions by id, at most `capacity` of them, each with an expiry: when full, the
/// oldest stored entry goes first (FIFO). The storage of `InMemoryServerSessionStore` (single
/// use) and `TLS12SessionCache` (reusable); each guards one with its own lock.
struct BoundedSessionTable {
    private struct Entry {
        var session: [UInt8]
        var expiresAt: Date
    }

    let capacity: Int
    private var entries: [[UInt8]: Entry] = [:]
    /// Ids in insertion order (may hold ids already taken, expired or evicted).
    private var order: [[UInt8]] = []
    private var orderStart = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The number of sessions held (expired ones included until they are looked up or evicted).
    var count: Int { entries.count }

    /// Stores `session` under `id`, evicting the oldest entries beyond `capacity`.
    mutating func store(id: [UInt8], session: [UInt8], expiresAt: Date) {
        if entries.updateValue(Entry(session: session, expiresAt: expiresAt), forKey: id) == nil {
            order.append(id)
        }
        while entries.count > capacity, orderStart < order.count {
            entries[order[orderStart]] = nil
            orderStart += 1
        }
        // Compact the queue of ids once it holds many stale ones.
        let queued = order.count - orderStart
        if queued > 2 * capacity || (orderStart > 64 && orderStart * 2 > order.count) {
            order = order[orderStart...].filter { entries[$0] != nil }
            orderStart = 0
        }
    }

    /// The session under `id` if it has not expired; an expired one is removed.
    mutating func session(id: [UInt8], now: Date) -> [UInt8]? {
        guard let entry = entries[id] else { return nil }
        guard entry.expiresAt > now else {
            entries[id] = nil
            return nil
        }
        return entry.session
    }

    /// Removes the session under `id` and returns it if it has not expired.
    mutating func take(id: [UInt8], now: Date) -> [UInt8]? {
        guard let entry = entries.removeValue(forKey: id), entry.expiresAt > now else { return nil }
        return entry.session
    }
}
