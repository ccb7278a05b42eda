import Foundation
import Synchronization

/// The default `ServerSessionStore`: at most `capacity` sessions in memory, each taken out on
/// first use; when full, the oldest entry is dropped. Thread-safe.
public final class InMemoryServerSessionStore: ServerSessionStore {
    public let capacity: Int
    private let table: Mutex<BoundedSessionTable>

    public init(capacity: Int = 10_000) {
        self.capacity = max(1, capacity)
        self.table = Mutex(BoundedSessionTable(capacity: capacity))
    }

    public func store(id: [UInt8], session: [UInt8], expiresAt: Date) {
        table.withLock { $0.store(id: id, session: session, expiresAt: expiresAt) }
    }

    public func take(id: [UInt8], now: Date) -> [UInt8]? {
        table.withLock { $0.take(id: id, now: now) }
    }

    /// The number of sessions held.
    public var count: Int { table.withLock { $0.count } }
}
