/// What a TLS 1.2 server has settled once its ServerHello is out, kept through the rest of
/// the handshake (RFC 5246, Section 7.3).
struct TLS12ServerNegotiation {
    let parameters: CipherSuiteParameters
    /// ClientHello.client_version: the version an RSA premaster secret must start with
    /// (RFC 5246, Section 7.4.7.1).
    let clientVersion: ProtocolVersion
    let clientRandom: [UInt8]
    let serverRandom: [UInt8]
    /// The session ID of the ServerHello: fresh (cached), the client's (resumed), or empty.
    let sessionID: [UInt8]
    /// RFC 7627: whether the master secret is the extended one.
    let extendedMasterSecret: Bool
    /// The ECDHE group; nil for RSA key exchange and resumption.
    let group: NamedGroup?
    let applicationProtocol: String?
    /// The host name the client sent (SNI), if any.
    let serverName: String?
    /// The scheme of our ServerKeyExchange; nil for RSA key exchange and resumption.
    let localSignatureScheme: SignatureScheme?
    /// RFC 5077: whether the ServerHello promised a NewSessionTicket.
    let issuesTicket: Bool
}
