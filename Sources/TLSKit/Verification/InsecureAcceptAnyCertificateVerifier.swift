// STUB (branch nio): stands in for branch verify's file of the same path and API so the CLI
// compiles; on a merge conflict take branch verify's version.

/// Accepts every certificate without looking at it. For development and tests only.
public struct InsecureAcceptAnyCertificateVerifier: CertificateVerifier {
    public init() {}

    public func verify(_ request: CertificateVerificationRequest) async -> CertificateVerificationResult {
        .skippedInsecure
    }
}
