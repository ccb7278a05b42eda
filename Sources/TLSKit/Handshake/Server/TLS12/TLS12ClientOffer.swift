/// What a TLS 1.2 ClientHello offers, once it passes the checks of
/// `ServerHandshake.checkTLS12ClientHello` (RFC 5246, Section 7.4.1.2).
struct TLS12ClientOffer {
    var cipherSuites: [CipherSuite]
    /// supported_groups (RFC 8422, Section 5.1.1); without the extension, every TLS 1.2 group.
    var groups: [NamedGroup]
    /// signature_algorithms, or nil when the client sent none (RFC 5246, Section 7.4.1.4.1).
    var signatureSchemes: [SignatureScheme]?
    /// Whether the client sent ec_point_formats (then the ServerHello answers with [uncompressed]).
    var sentPointFormats: Bool
    var serverName: String?
    var applicationProtocols: [String]?
    /// RFC 7627: the client sent extended_master_secret.
    var extendedMasterSecret: Bool
    /// RFC 5746: the client sent TLS_EMPTY_RENEGOTIATION_INFO_SCSV or an empty renegotiation_info.
    var secureRenegotiation: Bool
    /// RFC 5077: the session_ticket extension, nil when absent (empty: the client asks for a ticket).
    var sessionTicket: [UInt8]?
}
