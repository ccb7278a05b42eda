/// The verifier rejected the peer's certificate chain (RFC 8446, Section 4.4.2.4); `verdict`
/// is the verifier's error, naming the cause. A server reports a rejected client certificate
/// as such, with bad_certificate unless the verifier named an alert.
struct CertificateRejection: Error, Hashable, Sendable {
    var verdict: TLSError
    /// Whose chain was rejected.
    var peer: TLSRole

    var tlsError: TLSError {
        switch peer {
        case .server:
            verdict
        case .client:
            TLSError(
                code: verdict.code, reason: "the client's certificate was rejected: \(verdict.reason)",
                alert: verdict.alert ?? .badCertificate)
        }
    }
}
