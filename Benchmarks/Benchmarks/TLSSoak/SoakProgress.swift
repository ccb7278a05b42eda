import Synchronization

/// What the soak's connection loops have done, shared between them.
final class SoakProgress: Sendable {
    let started = Atomic<Int>(0)
    let completed = Atomic<Int>(0)
    let resumed = Atomic<Int>(0)
    let failed = Atomic<Int>(0)

    /// The number of the next connection to make (from 1).
    func next() -> Int { started.add(1, ordering: .relaxed).newValue }

    func finished(resumed wasResumed: Bool?) {
        switch wasResumed {
        case .some(true): resumed.add(1, ordering: .relaxed)
        case .some(false): break
        case .none: failed.add(1, ordering: .relaxed)
        }
        completed.add(1, ordering: .relaxed)
    }

    var summary: String {
        "\(completed.load(ordering: .relaxed)) done (\(resumed.load(ordering: .relaxed)) resumed, \(failed.load(ordering: .relaxed)) failed)"
    }
}
