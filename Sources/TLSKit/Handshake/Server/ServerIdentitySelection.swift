/// The certificate a server presents and how it signs for it (RFC 8446, Sections 4.2.3 and 4.4.2).
struct ServerIdentitySelection {
    var identity: TLSCertificateIdentity
    var scheme: SignatureScheme
    /// Whether the identity was chosen because it covers the client's SNI (then the server
    /// acknowledges server_name, RFC 6066, Section 3).
    var matchedServerName: Bool
}
