// STUB (branch nio): stands in for branch verify's file of the same path and API so the CLI
// compiles; on a merge conflict take branch verify's version.
import Foundation

/// The default verifier over swift-certificates (stub: rejects everything).
public struct DefaultCertificateVerifier: CertificateVerifier {
    public var trustRoots: TrustRoots
    public var validationTime: Date?

    public init(trustRoots: TrustRoots = .system, validationTime: Date? = nil) {
        self.trustRoots = trustRoots
        self.validationTime = validationTime
    }

    public func verify(_ request: CertificateVerificationRequest) async -> CertificateVerificationResult {
        .rejected(TLSError(code: .internalError, reason: "certificate verification is not available in this build (stub)"))
    }
}
