/// What a TLS 1.2 server picks for a full handshake (RFC 5246, Section 7.4.1.3; RFC 8422,
/// Section 5.4): the suite, the certificate that serves it, and for ECDHE the group and the
/// ServerKeyExchange signature scheme.
struct TLS12ServerSelection {
    let parameters: CipherSuiteParameters
    let identity: TLSCertificateIdentity
    /// Whether the identity was chosen because it covers the client's SNI.
    let matchedServerName: Bool
    /// The ServerKeyExchange scheme; nil for RSA key exchange, which signs nothing.
    let scheme: SignatureScheme?
    /// The ECDHE group; nil for RSA key exchange.
    let group: NamedGroup?
}
