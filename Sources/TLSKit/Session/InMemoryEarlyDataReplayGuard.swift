import Foundation
import Synchronization

/// The default `EarlyDataReplayGuard`: remembers up to `capacity` identifiers until their
/// window ends; when full it admits nothing new (early data is rejected, never replayed).
/// Thread-safe; one per server configuration unless shared on purpose.
public final class InMemoryEarlyDataReplayGuard: EarlyDataReplayGuard {
    private struct State {
        var seen: [[UInt8]: Date] = [:]
        /// Identifiers with their expiry, in insertion order; the window is the same for
        /// every entry, so the order is also (nearly) the order of expiry.
        var queue: [([UInt8], Date)] = []
        var queueStart = 0
    }

    public let capacity: Int
    private let state = Mutex(State())

    public init(capacity: Int = 100_000) {
        self.capacity = max(1, capacity)
    }

    public func admit(_ identifier: [UInt8], rememberUntil: Date, now: Date) -> Bool {
        state.withLock { state in
            // Forget what has expired, oldest first.
            while state.queueStart < state.queue.count, state.queue[state.queueStart].1 <= now {
                let (expired, _) = state.queue[state.queueStart]
                if let until = state.seen[expired], until <= now { state.seen[expired] = nil }
                state.queueStart += 1
            }
            if state.queueStart > 1024, state.queueStart * 2 > state.queue.count {
                state.queue.removeFirst(state.queueStart)
                state.queueStart = 0
            }
            if let until = state.seen[identifier], until > now { return false }
            guard state.seen.count < capacity else { return false }
            state.seen[identifier] = rememberUntil
            state.queue.append((identifier, rememberUntil))
            return true
        }
    }
}
