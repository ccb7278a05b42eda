import NIOCore

extension TLS13ClientState {
    /// The server asked for a client certificate; its own Certificate comes next (RFC 8446,
    /// Section 4.4.2).
    struct ExpectCertificate {
        let negotiation: TLS13ClientNegotiation
        var transcript: TranscriptHash
        let certificateRequest: ReceivedCertificateRequest

        consuming func handle(
            _ message: CertificateMessage, raw: ByteBuffer, serverName: String?
        ) throws -> (TLS13ClientState, [HandshakeEvent]) {
            let chain = try TLS13ClientState.serverChain(message)
            transcript.append(raw)
            return TLS13ClientState.verify(
                chain, negotiation: negotiation, transcript: transcript, certificateRequest: certificateRequest,
                serverName: serverName)
        }
    }

    /// RFC 8446, Section 4.4.2: the server's chain, which must not be empty.
    static func serverChain(_ message: CertificateMessage) throws -> PeerCertificateChain {
        guard message.certificateRequestContext.isEmpty else {
            throw PeerMisbehaved.illegalParameter("certificate_request_context must be empty in the server's Certificate")
        }
        guard let chain = PeerCertificateChain(message.entries.map(\.certificateData)) else {
            throw DecodeError.invalidValue("the server sent an empty Certificate message")
        }
        for entry in message.entries {
            for item in entry.extensions {
                // This client offers no status_request or signed_certificate_timestamp.
                throw PeerMisbehaved.unsupportedExtension(item.type, in: .certificate)
            }
        }
        return chain
    }

    /// The handshake pauses for the verifier's verdict on the server's chain.
    static func verify(
        _ chain: PeerCertificateChain, negotiation: TLS13ClientNegotiation, transcript: TranscriptHash,
        certificateRequest: ReceivedCertificateRequest?, serverName: String?
    ) -> (TLS13ClientState, [HandshakeEvent]) {
        let paused = AwaitingVerification(
            negotiation: negotiation, transcript: transcript, certificateRequest: certificateRequest, chain: chain)
        let request = CertificateVerificationRequest(chain: chain.certificates, serverName: serverName, purpose: .serverAuth)
        return (.awaitingVerification(paused), [.verifyPeer(request)])
    }
}
