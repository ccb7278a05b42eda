import TLSKit

/// The values of the extensions `tlskit explain` reads back from decoded messages.
extension Array where Element == TLSExtension {
    /// supported_versions of a ClientHello (RFC 8446, Section 4.2.1).
    var offeredVersions: [ProtocolVersion]? {
        for item in self {
            if case .supportedVersionsClient(let versions) = item { return versions }
        }
        return nil
    }

    /// supported_versions of a ServerHello or HelloRetryRequest.
    var selectedVersion: ProtocolVersion? {
        for item in self {
            if case .supportedVersionsServer(let version) = item { return version }
        }
        return nil
    }

    /// signature_algorithms (RFC 8446, Section 4.2.3).
    var signatureAlgorithms: [SignatureScheme] {
        for item in self {
            if case .signatureAlgorithms(let schemes) = item { return schemes }
        }
        return []
    }
}
