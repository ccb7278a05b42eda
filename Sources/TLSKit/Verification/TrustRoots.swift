// STUB (branch nio): stands in for branch verify's file of the same path and API so the CLI
// compiles; on a merge conflict take branch verify's version.
import X509

/// The certificates a chain must lead to.
public enum TrustRoots: Sendable, Hashable {
    case system
    case certificates([Certificate])

    /// The certificates in a PEM file.
    public static func pemFile(path: String) throws -> TrustRoots {
        throw TLSError(code: .configuration, reason: "loading \(path) is not available in this build (stub)")
    }
}
