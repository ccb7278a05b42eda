import Foundation
import Synchronization

/// The default `TicketKeyProvider`: random keys kept in memory, replaced every
/// `rotationInterval`; the previous key still opens tickets for one more interval, so a
/// ticket stays usable for at least one interval after it was issued (keep
/// `TLSServerConfiguration.ticketLifetime` at most `rotationInterval`). Thread-safe.
///
/// Tickets do not survive a restart; for a fleet, or to keep sessions across restarts,
/// implement `TicketKeyProvider` over keys you distribute yourself.
public final class RotatingTicketKeyProvider: TicketKeyProvider {
    private struct State {
        var current: (key: TicketKey, created: Date)?
        var previous: TicketKey?
    }

    /// How long one key seals new tickets.
    public let rotationInterval: TimeInterval
    private let state = Mutex(State())

    /// `rotationInterval` is at least one second; the default is six hours.
    public init(rotationInterval: TimeInterval = 6 * 3600) {
        self.rotationInterval = max(1, rotationInterval.isFinite ? rotationInterval : 6 * 3600)
    }

    public func currentKey(now: Date) -> TicketKey? {
        state.withLock { state in
            rotate(&state, now: now)
            return state.current?.key
        }
    }

    public func key(id: [UInt8], now: Date) -> TicketKey? {
        state.withLock { state in
            rotate(&state, now: now)
            if let current = state.current?.key, current.id == id { return current }
            if let previous = state.previous, previous.id == id { return previous }
            return nil
        }
    }

    /// Replaces the current key now; the replaced key becomes the previous one.
    public func rotate(now: Date) {
        state.withLock { state in
            state.previous = state.current?.key
            state.current = (TicketKey.random(), now)
        }
    }

    /// Starts a key when there is none, and moves on by one or two generations when due.
    private func rotate(_ state: inout State, now: Date) {
        guard let current = state.current else {
            state.current = (TicketKey.random(), now)
            return
        }
        let age = now.timeIntervalSince(current.created)
        if age >= 2 * rotationInterval {
            state.previous = nil
            state.current = (TicketKey.random(), now)
        } else if age >= rotationInterval {
            state.previous = current.key
            state.current = (TicketKey.random(), now)
        }
    }
}
