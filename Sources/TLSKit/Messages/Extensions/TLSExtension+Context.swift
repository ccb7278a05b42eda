extension TLSExtension {
    /// The extension types this library models (and therefore checks against the message table).
    static let modeledTypes: Set<ExtensionType> = [
        .serverName, .supportedGroups, .signatureAlgorithms, .signatureAlgorithmsCert, .certificateAuthorities,
        .supportedVersions, .keyShare, .cookie, .applicationLayerProtocolNegotiation,
        .pskKeyExchangeModes, .preSharedKey, .earlyData, .statusRequest, .padding,
        .extendedMasterSecret, .renegotiationInfo, .ecPointFormats, .sessionTicket,
    ]

    /// Whether a modeled extension may appear in the given message (RFC 8446, Section 4.2).
    /// Types this library does not model are always allowed (they decode to `.unknown`).
    /// The TLS 1.2 extensions (RFC 7627, 5746, 8422, 5077) belong to the hellos only; a TLS 1.2
    /// ServerHello is decoded in the `.serverHello` context.
    static func isAllowed(_ type: ExtensionType, in context: ExtensionContext) -> Bool {
        let allowed: [ExtensionContext]
        switch type {
        case .serverName: allowed = [.clientHello, .encryptedExtensions]
        case .statusRequest: allowed = [.clientHello, .certificateRequest, .certificate]
        case .supportedGroups: allowed = [.clientHello, .encryptedExtensions]
        case .signatureAlgorithms: allowed = [.clientHello, .certificateRequest]
        case .signatureAlgorithmsCert: allowed = [.clientHello, .certificateRequest]
        case .certificateAuthorities: allowed = [.clientHello, .certificateRequest]
        case .applicationLayerProtocolNegotiation: allowed = [.clientHello, .encryptedExtensions]
        case .padding: allowed = [.clientHello]
        case .preSharedKey: allowed = [.clientHello, .serverHello]
        case .earlyData: allowed = [.clientHello, .encryptedExtensions, .newSessionTicket]
        case .supportedVersions: allowed = [.clientHello, .serverHello, .helloRetryRequest]
        case .cookie: allowed = [.clientHello, .helloRetryRequest]
        case .pskKeyExchangeModes: allowed = [.clientHello]
        case .keyShare: allowed = [.clientHello, .serverHello, .helloRetryRequest]
        case .extendedMasterSecret, .renegotiationInfo, .ecPointFormats, .sessionTicket:
            allowed = [.clientHello, .serverHello]
        default: return true
        }
        return allowed.contains(context)
    }
}
