extension TLS13ServerState {
    /// The client's Certificate is in; the handshake waits for the verifier's verdict on its
    /// chain (`TLSAction.verifyPeer`).
    struct AwaitingVerification {
        let negotiation: TLS13ServerNegotiation
        var transcript: TranscriptHash
        let chain: PeerCertificateChain

        /// Goes on with the verifier's verdict (not a rejection, which fails the handshake).
        consuming func resumed(verification: CertificateVerificationResult) -> ExpectCertificateVerify {
            ExpectCertificateVerify(negotiation: negotiation, transcript: transcript, chain: chain, verification: verification)
        }
    }
}
