/// How the server is authenticated in this TLS 1.2 handshake.
enum TLS12ClientHandshakeKind: Sendable {
    /// A full handshake (RFC 5246, Section 7.3, Figure 1): the server's verified certificate,
    /// the ECDHE group and the scheme of its ServerKeyExchange (both nil for RSA key
    /// exchange, where the Finished proves the key), and the scheme we signed our
    /// CertificateVerify with.
    case full(TLS12ServerCertificate, group: NamedGroup?, serverScheme: SignatureScheme?, localScheme: SignatureScheme?)
    /// An abbreviated handshake resuming this session (Figure 2).
    case abbreviated(ClientSession)
}
