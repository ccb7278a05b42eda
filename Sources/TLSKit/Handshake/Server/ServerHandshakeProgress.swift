import Crypto

/// What the server has negotiated and derived once its flight (ServerHello through Finished)
/// is sent; it travels through the states that wait for the client's flight (RFC 8446, Section 2).
struct ServerHandshakeProgress {
    var parameters: CipherSuiteParameters
    var keySchedule: TLS13KeySchedule
    /// ClientHello .. server Finished, then the client's messages as they arrive.
    var transcript: TranscriptHash
    /// nil for a PSK-only (psk_ke) resumption.
    var group: NamedGroup?
    var helloRetryRequested: Bool
    var clientHandshakeSecret: SymmetricKey
    var clientApplicationSecret: SymmetricKey
    var serverApplicationSecret: SymmetricKey
    var applicationProtocol: String?
    /// The host name the client sent (SNI), if any.
    var serverName: String?
    /// The scheme of our CertificateVerify; nil when resumed (no certificate).
    var localSignatureScheme: SignatureScheme?
    /// The client's chain, DER, leaf first; empty without a client certificate.
    var peerCertificates: [[UInt8]] = []
    var verification: CertificateVerificationResult? = nil
    /// The scheme of the client's CertificateVerify.
    var signatureScheme: SignatureScheme? = nil
    /// Whether the ClientHello allows tickets (a PSK mode we accept, RFC 8446, Section 4.2.9).
    var clientAcceptsTickets = false
    /// Whether a PSK was accepted (RFC 8446, Section 2.2).
    var resumed = false
    /// nil without early_data in the ClientHello; else whether 0-RTT was accepted.
    var earlyDataAccepted: Bool? = nil
    /// 0-RTT bytes received so far (RFC 8446, Section 4.2.10).
    var earlyDataReceived = 0
}
