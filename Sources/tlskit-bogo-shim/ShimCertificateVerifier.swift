import TLSKit

/// BoringSSL's shim checks no chain unless told to: it accepts every peer certificate, or with
/// `-verify-fail` rejects every one, with the alert BoringSSL sends for that callback:
/// certificate_unknown from a custom verify callback, handshake_failure from the X.509 one
/// (RFC 8446, Section 6.2).
struct ShimCertificateVerifier: CertificateVerifier {
    let accepts: Bool
    var rejectionAlert: AlertDescription = .handshakeFailure

    /// The verdict, without waiting (the shim drives the connection synchronously).
    var verdict: CertificateVerificationResult {
        accepts ? .skippedInsecure : .rejected(TLSError(code: .certificateInvalid, reason: "rejected by -verify-fail", alert: rejectionAlert))
    }

    func verify(_ request: CertificateVerificationRequest) async -> CertificateVerificationResult { verdict }
}
