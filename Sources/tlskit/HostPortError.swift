/// Why a `HOST[:PORT]` argument was refused.
struct HostPortError: Error, Hashable, CustomStringConvertible {
    var argument: String
    var problem: String

    var description: String { "invalid address '\(self.argument)': \(self.problem)" }
}
