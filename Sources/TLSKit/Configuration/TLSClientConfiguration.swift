import Foundation

/// How a client connection behaves. The defaults are secure; change them only with a reason.
public struct TLSClientConfiguration: Sendable {
    /// TLS 1.3 cipher suites to offer, most preferred first (RFC 8446, Section B.4).
    public var cipherSuites: [CipherSuite] = CipherSuite.tls13Suites
    /// Groups to advertise in supported_groups, most preferred first (RFC 8446, Section 4.2.7).
    public var supportedGroups: [NamedGroup] = [.x25519MLKEM768, .x25519, .secp256r1, .secp384r1]
    /// Groups to send a key share for in the first ClientHello (RFC 8446, Section 4.2.8).
    /// Each must appear in `supportedGroups`; the server may ask for another by HelloRetryRequest.
    public var keyShareGroups: [NamedGroup] = [.x25519MLKEM768, .x25519]
    /// Schemes accepted in CertificateVerify (signature_algorithms, RFC 8446, Section 4.2.3).
    public var signatureSchemes: [SignatureScheme] = SignatureScheme.tls13HandshakeSchemes
    /// Schemes accepted in certificates (signature_algorithms_cert).
    public var certificateSignatureSchemes: [SignatureScheme] = SignatureScheme.certificateSchemes
    /// ALPN protocol names to offer, most preferred first (RFC 7301). Empty: no ALPN.
    public var applicationProtocols: [String] = []
    /// Decides whether the server's certificate chain is trusted.
    public var certificateVerifier: any CertificateVerifier
    /// Whether to send the server_name extension (RFC 6066, Section 3) when a name is given.
    public var sendServerName: Bool = true
    /// The certificate and key to present when the server asks for one (mutual TLS, RFC 8446,
    /// Section 4.4.2); without it the client answers a CertificateRequest with an empty Certificate.
    public var clientIdentity: TLSCertificateIdentity? = nil
    /// The largest handshake message accepted from the peer, bounding memory per connection.
    public var maximumHandshakeMessageSize: Int = 64 * 1024
    /// Where session tickets are kept for resumption (RFC 8446, Section 2.2); copies of this
    /// configuration share it. nil: no resumption.
    public var sessionCache: (any ClientSessionCache)? = InMemoryClientSessionCache()
    /// PSK key exchange modes to offer when resuming (RFC 8446, Section 4.2.9): `.pskDHEKE`
    /// (a fresh key exchange, forward secret) by default; `.pskKE` resumes without one.
    /// Empty: never resume, and tell servers not to send tickets.
    public var resumptionKeyExchangeModes: [PSKKeyExchangeMode] = [.pskDHEKE]
    /// Allows `TLSConnection.writeEarlyData(_:)`: 0-RTT data sent with the ClientHello when a
    /// resumable session allows it (RFC 8446, Section 2.3). Early data is not forward secret
    /// and MAY BE REPLAYED by an attacker: enable it only for idempotent requests.
    public var enableEarlyData: Bool = false
    /// The clock for ticket ages and expiry; the core reads no clock of its own.
    public var now: @Sendable () -> Date = { Date() }
    /// Receives each secret of the handshake as one line of the NSS key log format,
    /// `LABEL <client_random hex> <secret hex>` without a line feed: the `SSLKEYLOGFILE` format
    /// that Wireshark reads (CLIENT_HANDSHAKE_TRAFFIC_SECRET, SERVER_HANDSHAKE_TRAFFIC_SECRET,
    /// CLIENT_TRAFFIC_SECRET_0, SERVER_TRAFFIC_SECRET_0, EXPORTER_SECRET, and
    /// CLIENT_EARLY_TRAFFIC_SECRET with 0-RTT). For debugging only: whoever reads these lines
    /// can decrypt the connection. `KeyLogFile(path:).log` appends them to a file.
    public var keyLog: (@Sendable (String) -> Void)? = nil
    /// After this many records under one traffic key, the connection updates its write keys
    /// with a KeyUpdate, and asks the peer to update its keys once it has received as many
    /// under one key of the peer's (RFC 8446, Sections 4.6.3 and 5.5). The default, 2^24, stays
    /// below the AES-GCM limit of 2^24.5 records; a larger value is capped at the limit of the
    /// negotiated cipher. A peer that sends more than that limit under one key is disconnected.
    public var keyUpdateRecordThreshold: UInt64 = AEADRecordLimits.defaultUpdateThreshold

    public init(certificateVerifier: any CertificateVerifier) {
        self.certificateVerifier = certificateVerifier
    }
}
