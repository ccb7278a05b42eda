import X509

/// The certificates a chain must lead to.
public enum TrustRoots: Sendable, Hashable {
    /// The operating system's CA bundle (see `SystemTrustStore.searchPaths`), loaded once and cached.
    case system
    /// Exactly these certificates.
    case certificates([Certificate])

    /// The certificates in a PEM (or DER) file, such as a private CA's root.
    public static func pemFile(path: String) throws -> TrustRoots {
        .certificates(try PEMCertificateLoader.certificates(fromPEMFile: path))
    }

    /// The roots indexed for chain building: the system store's is built once and shared.
    func resolveStore() throws(CertificateError) -> CertificateStore {
        switch self {
        case .certificates(let certificates):
            return CertificateStore(certificates)
        case .system:
            return try SystemTrustStore.store.get()
        }
    }

    /// The root certificates, loading the system store on first use.
    func resolve() throws(CertificateError) -> [Certificate] {
        switch self {
        case .certificates(let certificates):
            return certificates
        case .system:
            return try SystemTrustStore.certificates.get()
        }
    }
}
