/// What was negotiated, for logs, the CLI and applications.
public struct HandshakeSummary: Sendable, Hashable {
    public var version: ProtocolVersion
    public var cipherSuite: CipherSuite
    /// The key exchange group, or nil for a PSK-only resumption.
    public var group: NamedGroup?
    /// The scheme of the peer's CertificateVerify, or nil when no certificate was used.
    public var signatureScheme: SignatureScheme?
    /// The protocol chosen by ALPN (RFC 7301), if any.
    public var applicationProtocol: String?
    /// Whether the server answered the first ClientHello with a HelloRetryRequest.
    public var helloRetryRequested: Bool
    /// The server name we asked for (SNI) or the server was asked for.
    public var serverName: String?
    /// The peer's certificates as sent, DER, leaf first.
    public var peerCertificates: [[UInt8]]
    /// The verifier's verdict on the peer's chain, if one was checked.
    public var verification: CertificateVerificationResult?
    /// Which side this summary describes. On the server `serverName` is the SNI the client
    /// sent, `peerCertificates` the client's chain and `signatureScheme` the scheme of the
    /// client's CertificateVerify (nil without a client certificate).
    public var role: TLSRole
    /// The scheme of our own CertificateVerify, or nil when we sent none.
    public var localSignatureScheme: SignatureScheme?
    /// Whether a session was resumed with a PSK (RFC 8446, Section 2.2): then no certificate
    /// was sent, verified or signed for, and `peerCertificates` are those of the original
    /// handshake (from the ticket).
    public var resumed: Bool
    /// 0-RTT (RFC 8446, Section 2.3): nil when no early data was offered, else whether the
    /// server accepted it. A client whose early data was rejected has re-sent it as ordinary
    /// application data right after its Finished. A server reports what the ClientHello it
    /// answered offered (after a HelloRetryRequest: nil, the second ClientHello offers none).
    public var earlyDataAccepted: Bool?
    /// TLS 1.2: whether the master secret is the extended master secret (RFC 7627). nil in
    /// TLS 1.3, whose key schedule always binds the handshake.
    public var extendedMasterSecret: Bool?

    public init(
        version: ProtocolVersion, cipherSuite: CipherSuite, group: NamedGroup?,
        signatureScheme: SignatureScheme?, applicationProtocol: String?, helloRetryRequested: Bool,
        serverName: String?, peerCertificates: [[UInt8]], verification: CertificateVerificationResult?,
        role: TLSRole = .client, localSignatureScheme: SignatureScheme? = nil,
        resumed: Bool = false, earlyDataAccepted: Bool? = nil, extendedMasterSecret: Bool? = nil
    ) {
        self.version = version
        self.cipherSuite = cipherSuite
        self.group = group
        self.signatureScheme = signatureScheme
        self.applicationProtocol = applicationProtocol
        self.helloRetryRequested = helloRetryRequested
        self.serverName = serverName
        self.peerCertificates = peerCertificates
        self.verification = verification
        self.role = role
        self.localSignatureScheme = localSignatureScheme
        self.resumed = resumed
        self.earlyDataAccepted = earlyDataAccepted
        self.extendedMasterSecret = extendedMasterSecret
    }
}
