/// What the TLS 1.2 ServerHello settled (RFC 5246, Section 7.4.1.3), carried through the
/// client states that follow it.
struct TLS12ClientNegotiation {
    let parameters: CipherSuiteParameters
    let clientRandom: [UInt8]
    let serverRandom: [UInt8]
    /// Whether both sides sent extended_master_secret (RFC 7627, Section 5.1).
    let extendedMasterSecret: Bool
    /// The session ID the server gave this session (empty: none, e.g. tickets only).
    let sessionID: [UInt8]
    /// The server sent session_ticket: a NewSessionTicket comes before its ChangeCipherSpec
    /// (RFC 5077, Section 3.3).
    let ticketExpected: Bool
    let applicationProtocol: String?
    /// The ClientHello's legacy_version, the client_version of an RSA premaster secret.
    let clientVersion: ProtocolVersion
    /// The ClientHello's signature_algorithms and supported_groups, which bound the
    /// ServerKeyExchange.
    let offeredSchemes: [SignatureScheme]
    let offeredGroups: [NamedGroup]
}
