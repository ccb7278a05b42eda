/// A handshake state waiting for the verifier's verdict on the peer's chain: what the
/// handshake goes on with once the chain is trusted (see `PeerVerificationPause`).
protocol PeerVerificationContinuation: Sendable {
    associatedtype Verified
    /// The chain the verifier judges.
    var chain: PeerCertificateChain { get }
    /// The state that follows, knowing the verdict.
    consuming func verified(_ verification: CertificateVerificationResult) -> Verified
}
