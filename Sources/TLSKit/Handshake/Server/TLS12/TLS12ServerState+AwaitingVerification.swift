import NIOCore

extension TLS12ServerState {
    /// The client's Certificate is in; the handshake waits in a `PeerVerificationPause` for
    /// the verifier's verdict on its chain.
    struct AwaitingVerification: PeerVerificationContinuation {
        let negotiation: TLS12ServerNegotiation
        let keyExchange: TLS12ServerKeyExchangeSecret
        let transcript: TLS12Transcript
        let chain: PeerCertificateChain

        consuming func verified(_ verification: CertificateVerificationResult) -> ExpectClientKeyExchange {
            ExpectClientKeyExchange(
                negotiation: negotiation, keyExchange: keyExchange, transcript: transcript,
                clientChain: chain, verification: verification)
        }
    }
}
