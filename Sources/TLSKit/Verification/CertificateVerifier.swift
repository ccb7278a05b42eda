/// Decides whether a peer's certificate chain is trusted for the name we connected to.
///
/// The handshake pauses at `TLSAction.verifyPeer` and resumes when the result is handed back
/// through `TLSConnection.completeVerification(_:)`, so a verifier may be asynchronous (the
/// default one is, because swift-certificates' `Verifier` is). Pinning or a private PKI plug in
/// here by implementing this protocol.
public protocol CertificateVerifier: Sendable {
    func verify(_ request: CertificateVerificationRequest) async -> CertificateVerificationResult
}
