/// The time of one benchmark operation, and how much of it the client and the server took
/// when the operation tells them apart. An operation that leaves its preparation out of the
/// time also counts the allocations of the timed part only.
struct OperationTiming {
    var total: Duration
    var client: Duration? = nil
    var server: Duration? = nil
    var allocations: Int? = nil
}

extension Duration {
    /// This duration in seconds, as a floating-point number.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
