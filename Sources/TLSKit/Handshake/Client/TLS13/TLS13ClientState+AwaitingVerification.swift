extension TLS13ClientState {
    /// The server's Certificate is in; the handshake waits in a `PeerVerificationPause` for
    /// the verifier's verdict on its chain.
    struct AwaitingVerification: PeerVerificationContinuation {
        let negotiation: TLS13ClientNegotiation
        let transcript: TranscriptHash
        let certificateRequest: ReceivedCertificateRequest?
        let chain: PeerCertificateChain

        consuming func verified(_ verification: CertificateVerificationResult) -> ExpectCertificateVerify {
            ExpectCertificateVerify(
                negotiation: negotiation, transcript: transcript, certificateRequest: certificateRequest, chain: chain,
                verification: verification)
        }
    }
}
