/// Why the shim stops early, and the exit code the BoGo runner reads from it
/// (BoringSSL ssl/test/PORTING.md: 89 means "unimplemented").
enum ShimFailure: Error, CustomStringConvertible {
    /// A flag or flag value this shim does not implement; the test counts as unimplemented.
    case unimplemented(String)
    /// A malformed command line.
    case usage(String)
    /// The connection failed or an `-expect-*` check did not hold.
    case failed(String)

    var exitCode: Int32 {
        switch self {
        case .unimplemented: 89
        case .usage, .failed: 1
        }
    }

    var description: String {
        switch self {
        case .unimplemented(let what): "unimplemented: \(what)"
        case .usage(let what): "usage: \(what)"
        case .failed(let what): what
        }
    }
}
