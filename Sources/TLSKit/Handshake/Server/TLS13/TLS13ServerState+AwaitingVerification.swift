extension TLS13ServerState {
    /// The client's Certificate is in; the handshake waits in a `PeerVerificationPause` for
    /// the verifier's verdict on its chain.
    struct AwaitingVerification: PeerVerificationContinuation {
        let negotiation: TLS13ServerNegotiation
        let transcript: TranscriptHash
        let chain: PeerCertificateChain

        consuming func verified(_ verification: CertificateVerificationResult) -> ExpectCertificateVerify {
            ExpectCertificateVerify(negotiation: negotiation, transcript: transcript, chain: chain, verification: verification)
        }
    }
}
