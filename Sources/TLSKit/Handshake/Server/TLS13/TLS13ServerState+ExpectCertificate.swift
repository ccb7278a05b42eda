import NIOCore

extension TLS13ServerState {
    /// We sent a CertificateRequest; the client's Certificate comes first in its flight
    /// (RFC 8446, Section 4.4.2).
    struct ExpectCertificate {
        let negotiation: TLS13ServerNegotiation
        var transcript: TranscriptHash

        /// An empty Certificate is accepted only when client authentication is optional
        /// (Section 4.4.2.4: certificate_required otherwise); a non-empty one pauses the
        /// handshake for the verifier.
        consuming func handle(
            _ message: CertificateMessage, raw: ByteBuffer, configuration: TLSServerConfiguration
        ) throws -> (TLS13ServerState, [HandshakeEvent]) {
            let chain = try PeerCertificateChain.received(message, from: .client)
            transcript.append(raw)
            guard let chain else {
                if configuration.clientAuthentication.requiresCertificate {
                    throw PeerIncompatible.clientCertificateRequired
                }
                return (.expectFinished(ExpectFinished(negotiation: negotiation, transcript: transcript, client: .anonymous)), [])
            }
            let (pause, event) = PeerVerificationPause.pause(
                AwaitingVerification(negotiation: negotiation, transcript: transcript, chain: chain),
                peer: .client, serverName: nil)
            return (.awaitingVerification(pause), [event])
        }
    }
}
