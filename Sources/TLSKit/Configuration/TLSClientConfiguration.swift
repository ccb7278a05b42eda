/// How a client connection behaves. The defaults are secure; change them only with a reason.
///
/// The settings a server shares (versions, suites, groups, schemes, ALPN, limits, clock, key
/// log) are in `settings`, and reachable under their own names (`TLSProtocolConfiguration`).
public struct TLSClientConfiguration: TLSProtocolConfiguration, Sendable {
    public var settings: TLSProtocolSettings
    /// Groups to send a key share for in the first ClientHello (RFC 8446, Section 4.2.8).
    /// Each must appear in `supportedGroups`; the server may ask for another by HelloRetryRequest.
    public var keyShareGroups: [NamedGroup] = [.x25519MLKEM768, .x25519]
    /// Schemes accepted in certificates (signature_algorithms_cert, RFC 8446, Section 4.2.3).
    public var certificateSignatureSchemes: [SignatureScheme] = SignatureScheme.certificateSchemes
    /// Decides whether the server's certificate chain is trusted.
    public var certificateVerifier: any CertificateVerifier
    /// Whether to send the server_name extension (RFC 6066, Section 3) when a name is given.
    public var sendServerName: Bool = true
    /// The certificate and key to present when the server asks for one (mutual TLS, RFC 8446,
    /// Section 4.4.2); without it the client answers a CertificateRequest with an empty Certificate.
    public var clientIdentity: TLSCertificateIdentity? = nil
    /// Where session tickets are kept for resumption (RFC 8446, Section 2.2); copies of this
    /// configuration share it. nil: no resumption.
    public var sessionCache: (any ClientSessionCache)? = InMemoryClientSessionCache()
    /// Allows `TLSConnection.writeEarlyData(_:)`: 0-RTT data sent with the ClientHello when a
    /// resumable session allows it (RFC 8446, Section 2.3). Early data is not forward secret
    /// and MAY BE REPLAYED by an attacker: enable it only for idempotent requests.
    public var enableEarlyData: Bool = false

    public init(certificateVerifier: any CertificateVerifier, settings: TLSProtocolSettings = TLSProtocolSettings()) {
        self.certificateVerifier = certificateVerifier
        self.settings = settings
    }
}
