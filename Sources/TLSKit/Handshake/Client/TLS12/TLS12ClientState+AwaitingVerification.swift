extension TLS12ClientState {
    /// The server's Certificate is in; the handshake waits in a `PeerVerificationPause` for
    /// the verifier's verdict on its chain. Then an ECDHE suite expects the ServerKeyExchange;
    /// RSA key exchange has none (RFC 5246, Section 7.4.3) and encrypts to the leaf's key.
    struct AwaitingVerification: PeerVerificationContinuation {
        let negotiation: TLS12ClientNegotiation
        let transcript: TLS12Transcript
        let certificate: TLS12ServerCertificate

        var chain: PeerCertificateChain { certificate.chain }

        consuming func verified(_ verification: CertificateVerificationResult) -> TLS12ClientState {
            var certificate = certificate
            certificate.verification = verification
            switch negotiation.parameters.keyExchange {
            case .rsa:
                return .expectServerHelloDone(ExpectServerHelloDone(
                    negotiation: negotiation, transcript: transcript, certificate: certificate,
                    keyExchange: .rsa, certificateRequest: nil))
            case .ecdhe, nil:
                return .expectServerKeyExchange(ExpectServerKeyExchange(
                    negotiation: negotiation, transcript: transcript, certificate: certificate))
            }
        }
    }
}
