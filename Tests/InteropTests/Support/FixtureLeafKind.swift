import TLSKit

/// The leaves `TestPKIFixture` writes: good ones per key type, and one per way to be rejected.
enum FixtureLeafKind: Hashable, Sendable, CustomStringConvertible {
    /// Valid for localhost and 127.0.0.1, signed by the intermediate; the chain file holds leaf + intermediate.
    case good(DevelopmentKeyType)
    /// Expired yesterday.
    case expired
    /// Valid only from tomorrow.
    case notYetValid
    /// Valid for other.example only.
    case wrongHost
    /// Signed by an intermediate of a second root that clients do not trust.
    case untrustedRoot
    /// The good P-256 leaf, but the chain file holds the leaf alone.
    case missingIntermediate
    /// Extended key usage clientAuth only.
    case noServerAuth
    /// A client certificate ("CN=TLSKit Interop Client", clientAuth only, no SANs) signed by
    /// the trusted intermediate, for mutual TLS.
    case client
    /// The same kind of client certificate ("CN=Untrusted Client") from the untrusted PKI.
    case untrustedClient
    /// A P-256 server leaf valid for `name` only (CN and DNS SAN), for choosing by SNI.
    case named(String)

    static let all: [FixtureLeafKind] =
        DevelopmentKeyType.allCases.map { .good($0) } + rejected

    /// Every kind a client verifying for localhost must reject.
    static let rejected: [FixtureLeafKind] = [.expired, .notYetValid, .wrongHost, .untrustedRoot, .missingIntermediate, .noServerAuth]

    /// A file-name-friendly name: `good-ecdsa-p256`, `expired`, ...
    var description: String {
        switch self {
        case .good(let keyType): "good-\(keyType)"
        case .expired: "expired"
        case .notYetValid: "not-yet-valid"
        case .wrongHost: "wrong-host"
        case .untrustedRoot: "untrusted-root"
        case .missingIntermediate: "missing-intermediate"
        case .noServerAuth: "no-server-auth"
        case .client: "client"
        case .untrustedClient: "untrusted-client"
        case .named(let name): "named-\(name)"
        }
    }
}
