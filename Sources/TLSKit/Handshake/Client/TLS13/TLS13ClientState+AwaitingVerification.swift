extension TLS13ClientState {
    /// The server's Certificate is in; the handshake waits for the verifier's verdict on its
    /// chain (`TLSAction.verifyPeer`).
    struct AwaitingVerification {
        let negotiation: TLS13ClientNegotiation
        var transcript: TranscriptHash
        let certificateRequest: ReceivedCertificateRequest?
        let chain: PeerCertificateChain

        /// Goes on with the verifier's verdict (not a rejection, which fails the handshake).
        consuming func resumed(verification: CertificateVerificationResult) -> ExpectCertificateVerify {
            ExpectCertificateVerify(
                negotiation: negotiation, transcript: transcript, certificateRequest: certificateRequest, chain: chain,
                verification: verification)
        }
    }
}
