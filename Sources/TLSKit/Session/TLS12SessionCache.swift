import Foundation
import Synchronization

/// The server's cache of TLS 1.2 sessions by session ID (RFC 5246, Sections 7.3 and
/// 7.4.1.2): a full handshake stores its session under the fresh 32-byte ID of its
/// ServerHello; a ClientHello naming that ID resumes it with the abbreviated handshake, as
/// often as it likes until the entry expires.
///
/// Bounded: at most `capacity` sessions; when full, the oldest stored entry is dropped first
/// (FIFO). An entry expires `lifetime` seconds after it was stored (the configuration's
/// `ticketLifetime`). Thread-safe; copies of a configuration share one cache, so every
/// connection made from it can resume the others' sessions.
public final class TLS12SessionCache: Sendable {
    /// The default bound: 20 000 sessions, a few MiB (each entry is the session state:
    /// about 100 bytes plus the client's certificates, if any).
    public static let defaultCapacity = 20_000

    /// The most sessions held at once.
    public let capacity: Int
    private let table: Mutex<BoundedSessionTable>

    public init(capacity: Int = TLS12SessionCache.defaultCapacity) {
        self.capacity = max(1, capacity)
        self.table = Mutex(BoundedSessionTable(capacity: capacity))
    }

    /// The number of sessions held (expired ones included until they are looked up or evicted).
    public var count: Int { table.withLock { $0.count } }

    /// Stores an encoded `ServerSessionState` under `id`, evicting the oldest entries beyond
    /// `capacity`.
    func store(id: [UInt8], session: [UInt8], expiresAt: Date) {
        guard !id.isEmpty, id.count <= 32 else { return }
        table.withLock { $0.store(id: id, session: session, expiresAt: expiresAt) }
    }

    /// Withdraws the session stored under `id`: its connection ended in a fatal alert, and it
    /// must not be resumed (RFC 5246, Section 7.2.2).
    func remove(id: [UInt8]) {
        guard !id.isEmpty else { return }
        table.withLock { _ = $0.take(id: id, now: .distantPast) }
    }

    /// The encoded session stored under `id`, or nil when there is none or it has expired
    /// (an expired entry is removed).
    func session(id: [UInt8], now: Date) -> [UInt8]? {
        guard !id.isEmpty else { return nil }
        return table.withLock { $0.session(id: id, now: now) }
    }
}
