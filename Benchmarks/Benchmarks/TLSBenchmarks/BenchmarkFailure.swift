/// A benchmark whose operation did not do what it measures (a handshake that did not
/// complete, data lost): the run stops rather than print a number for the wrong work.
struct BenchmarkFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
