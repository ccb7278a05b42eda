/// A verifier's verdict on a peer's chain.
public enum CertificateVerificationResult: Sendable, Hashable {
    /// Trusted; `chain` is the validated path as DER, leaf first, ending at the trust anchor.
    case trusted(chain: [[UInt8]])
    /// Verification was skipped on purpose (an insecure, development-only verifier).
    case skippedInsecure
    /// Not trusted; the error names the cause and carries the alert to send
    /// (bad_certificate, certificate_expired, unknown_ca, ...; RFC 8446, Section 6.2).
    case rejected(TLSError)
}
