import TLSKit

/// One leaf written by `TestPKIFixture`: its files and the identity they hold.
struct FixtureLeaf {
    var kind: FixtureLeafKind
    var identity: DevelopmentIdentity
    /// The leaf certificate alone (PEM).
    var certificatePath: String
    /// What the server sends (PEM): leaf + intermediate, or the leaf alone for `.missingIntermediate`.
    var chainPath: String
    /// The intermediate(s) the server sends after the leaf (PEM), for `openssl s_server -cert_chain`;
    /// nil for `.missingIntermediate`.
    var intermediatePath: String?
    /// The private key, PKCS#8 PEM.
    var keyPath: String
    /// The chain as DER, leaf first, as a server would send it.
    var chainDER: [[UInt8]]
}
