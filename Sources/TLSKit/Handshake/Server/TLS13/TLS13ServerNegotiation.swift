import Crypto

/// What a TLS 1.3 server has settled and derived once its flight (ServerHello through
/// Finished) is sent, kept while it waits for the client's flight (RFC 8446, Section 2).
struct TLS13ServerNegotiation {
    let secrets: TLS13HandshakeSecrets
    /// The application secrets, derived with the flight; ours are in use already.
    let trafficSecrets: TLS13TrafficSecrets
    /// nil for a PSK-only (psk_ke) resumption.
    let group: NamedGroup?
    let helloRetryRequested: Bool
    let applicationProtocol: String?
    /// The host name the client sent (SNI), if any.
    let serverName: String?
    /// The scheme of our CertificateVerify; nil when resumed (no certificate).
    let localSignatureScheme: SignatureScheme?
    /// Whether the ClientHello allows tickets (a PSK mode we accept, RFC 8446, Section 4.2.9).
    let clientAcceptsTickets: Bool
    /// nil without early_data in the ClientHello; else whether 0-RTT was accepted.
    let earlyDataAccepted: Bool?
}
