/// What the client keeps of the server's CertificateRequest to answer it after the server's
/// Finished (RFC 8446, Section 4.3.2).
struct ReceivedCertificateRequest {
    /// certificate_request_context, echoed in our Certificate (empty in the handshake).
    let context: [UInt8]
    /// The signature_algorithms our CertificateVerify may use.
    let signatureSchemes: [SignatureScheme]
}
