/// The handshake paused at the peer's Certificate until the verifier's verdict on its chain
/// comes back (`TLSAction.verifyPeer`, then `TLSConnection.completeVerification(_:)`); the
/// same for both roles and every version (RFC 8446, Section 4.4.2.4).
struct PeerVerificationPause<Continuation: PeerVerificationContinuation>: Sendable {
    private let continuation: Continuation
    /// Whose chain is judged.
    let peer: TLSRole

    /// Pauses before `continuation`; the event asks the verifier about its chain, which must
    /// cover `serverName` when the peer is a server.
    static func pause(_ continuation: Continuation, peer: TLSRole, serverName: String?) -> (Self, HandshakeEvent) {
        var request = CertificateVerificationRequest(
            chain: continuation.chain.certificates, serverName: peer == .server ? serverName : nil,
            purpose: peer == .server ? .serverAuth : .clientAuth)
        request.parsedLeaf = continuation.chain.parsed
        return (PeerVerificationPause(continuation: continuation, peer: peer), .verifyPeer(request))
    }

    /// Takes the verdict: a rejection fails the handshake with the verifier's error (a
    /// `CertificateRejection`); any other lets it go on.
    consuming func resume(with result: CertificateVerificationResult) throws -> Continuation.Verified {
        if case .rejected(let error) = result { throw CertificateRejection(verdict: error, peer: peer) }
        return continuation.verified(result)
    }

    private init(continuation: Continuation, peer: TLSRole) {
        self.continuation = continuation
        self.peer = peer
    }
}
