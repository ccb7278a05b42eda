import Crypto

/// What the client has negotiated and derived once the ServerHello is accepted; it travels
/// through the states that follow (RFC 8446, Section 2, Figure 1).
struct ClientHandshakeProgress {
    var parameters: CipherSuiteParameters
    var keySchedule: TLS13KeySchedule
    var transcript: TranscriptHash
    /// nil for a PSK-only (psk_ke) resumption.
    var group: NamedGroup?
    var helloRetryRequested: Bool
    var sentChangeCipherSpec: Bool
    var clientHandshakeSecret: SymmetricKey
    var serverHandshakeSecret: SymmetricKey
    var applicationProtocol: String? = nil
    /// The certificate_request_context of a CertificateRequest, when the server asked for one.
    var certificateRequestContext: [UInt8]? = nil
    /// The signature_algorithms of that CertificateRequest (Section 4.3.2).
    var certificateRequestSchemes: [SignatureScheme] = []
    /// The scheme of our own CertificateVerify, when we sent one.
    var localSignatureScheme: SignatureScheme? = nil
    var peerCertificates: [[UInt8]] = []
    var ocspResponse: [UInt8]? = nil
    var verification: CertificateVerificationResult? = nil
    var signatureScheme: SignatureScheme? = nil
    /// The session the server resumed (it selected our pre_shared_key), if any.
    var resumption: ClientResumptionOffer? = nil
    /// Whether our last ClientHello carried early_data.
    var earlyDataOffered = false
    /// nil without early data offered; else whether EncryptedExtensions accepted it.
    var earlyDataAccepted: Bool? = nil
}
