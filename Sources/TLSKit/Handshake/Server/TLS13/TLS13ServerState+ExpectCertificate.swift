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
            guard message.certificateRequestContext.isEmpty else {
                throw PeerMisbehaved.illegalParameter("certificate_request_context must echo the empty context of our CertificateRequest")
            }
            for entry in message.entries {
                for item in entry.extensions {
                    // Our CertificateRequest asks for no status_request or SCT.
                    throw PeerMisbehaved.unsupportedExtension(item.type, in: .certificate)
                }
            }
            transcript.append(raw)
            guard let chain = PeerCertificateChain(message.entries.map(\.certificateData)) else {
                if configuration.clientAuthentication.requiresCertificate {
                    throw PeerIncompatible.clientCertificateRequired
                }
                return (.expectFinished(ExpectFinished(negotiation: negotiation, transcript: transcript, client: .anonymous)), [])
            }
            let paused = AwaitingVerification(negotiation: negotiation, transcript: transcript, chain: chain)
            let request = CertificateVerificationRequest(chain: chain.certificates, serverName: nil, purpose: .clientAuth)
            return (.awaitingVerification(paused), [.verifyPeer(request)])
        }
    }
}
