import TLSKit

/// BoringSSL's shim checks no chain unless told to: it accepts every peer certificate, or with
/// `-verify-fail` rejects every one (with bad_certificate, RFC 8446, Section 6.2).
struct ShimCertificateVerifier: CertificateVerifier {
    let accepts: Bool

    /// The verdict, without waiting (the shim drives the connection synchronously).
    var verdict: CertificateVerificationResult {
        accepts ? .skippedInsecure : .rejected(TLSError(code: .certificateInvalid, reason: "rejected by -verify-fail", alert: .badCertificate))
    }

    func verify(_ request: CertificateVerificationRequest) async -> CertificateVerificationResult { verdict }
}
