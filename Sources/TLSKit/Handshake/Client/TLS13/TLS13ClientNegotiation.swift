/// What a TLS 1.3 client has settled by the server's EncryptedExtensions and keeps to the end
/// of the handshake (RFC 8446, Sections 4.1.3 and 4.3.1).
struct TLS13ClientNegotiation {
    let secrets: TLS13HandshakeSecrets
    /// nil for a PSK-only (psk_ke) resumption.
    let group: NamedGroup?
    let helloRetryRequested: Bool
    /// Whether our compatibility change_cipher_spec has gone out (RFC 8446, Section D.4).
    let sentChangeCipherSpec: Bool
    /// The protocol the server chose by ALPN (RFC 7301), if any.
    let applicationProtocol: String?
    /// nil without early data offered; else whether the server accepted it.
    let earlyDataAccepted: Bool?
}
