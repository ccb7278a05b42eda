/// Accepts every certificate without looking at it.
///
/// - Warning: For development and tests only. With this verifier anyone on the path can
///   impersonate the peer; the connection is encrypted but not authenticated. The result is
///   `.skippedInsecure`, never `.trusted`, so callers can tell and say so.
public struct InsecureAcceptAnyCertificateVerifier: CertificateVerifier {
    public init() {}

    public func verify(_ request: CertificateVerificationRequest) async -> CertificateVerificationResult {
        .skippedInsecure
    }
}
