import NIOCore

extension TLS12ServerState {
    /// We sent a CertificateRequest; the client answers with a Certificate, possibly empty
    /// (RFC 5246, Section 7.4.6).
    struct ExpectCertificate {
        let negotiation: TLS12ServerNegotiation
        let keyExchange: TLS12ServerKeyExchangeSecret
        /// Keeps the messages, for the CertificateVerify that follows a non-empty Certificate.
        var transcript: TLS12Transcript

        /// An empty Certificate is accepted only when client authentication is optional (else
        /// handshake_failure, the alert TLS 1.2 has for it); a non-empty one pauses the
        /// handshake for the verifier.
        consuming func handle(
            _ message: TLS12CertificateMessage, raw: ByteBuffer, configuration: TLSServerConfiguration
        ) throws -> (TLS12ServerState, [HandshakeEvent]) {
            transcript.append(raw)
            guard let chain = PeerCertificateChain(message.certificateList) else {
                if configuration.clientAuthentication.requiresCertificate {
                    throw TLSError(
                        code: .certificateRequired,
                        reason: "the client sent no certificate, but this server requires one (mutual TLS)",
                        alert: .handshakeFailure)
                }
                transcript.dropMessages()
                return (.expectClientKeyExchange(ExpectClientKeyExchange(
                    negotiation: negotiation, keyExchange: keyExchange, transcript: transcript,
                    clientChain: nil, verification: nil)), [])
            }
            let (pause, event) = PeerVerificationPause.pause(
                AwaitingVerification(
                    negotiation: negotiation, keyExchange: keyExchange, transcript: transcript, chain: chain),
                peer: .client, serverName: nil)
            return (.awaitingVerification(pause), [event])
        }
    }
}
