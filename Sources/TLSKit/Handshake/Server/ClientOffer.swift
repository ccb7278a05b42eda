/// What a ClientHello offers once it passes the checks every ClientHello must pass
/// (`ServerHandshake.checkClientHello`).
struct ClientOffer {
    var groups: [NamedGroup]
    var shares: [KeyShareEntry]
    var signatureSchemes: [SignatureScheme]
    /// signature_algorithms_cert, or signature_algorithms without it (RFC 8446, Section 4.2.3).
    var certificateSignatureSchemes: [SignatureScheme]
    var serverName: String?
    var applicationProtocols: [String]?
}
