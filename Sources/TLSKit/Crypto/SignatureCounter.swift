import Synchronization

/// Counts the signatures `TLSSigningKey.sign` makes within a task that sets `current`; lets
/// tests check that a resumed handshake signs nothing (RFC 8446, Section 2.2).
final class SignatureCounter: Sendable {
    @TaskLocal static var current: SignatureCounter?

    private let value = Atomic<Int>(0)

    var count: Int { value.load(ordering: .relaxed) }

    func increment() {
        value.add(1, ordering: .relaxed)
    }
}
