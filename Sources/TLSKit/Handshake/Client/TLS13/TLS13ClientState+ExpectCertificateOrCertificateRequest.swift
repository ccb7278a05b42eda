import NIOCore

extension TLS13ClientState {
    /// EncryptedExtensions of a full handshake: the server asks for a client certificate or
    /// sends its own (RFC 8446, Sections 4.3.2 and 4.4.2).
    struct ExpectCertificateOrCertificateRequest {
        let negotiation: TLS13ClientNegotiation
        var transcript: TranscriptHash

        /// RFC 8446, Section 4.3.2. The client answers after the server's Finished with its
        /// `clientIdentity`, or with an empty Certificate message without one (Section 4.4.2).
        consuming func handle(_ request: CertificateRequest, raw: ByteBuffer) throws -> (TLS13ClientState, [HandshakeEvent]) {
            guard request.certificateRequestContext.isEmpty else {
                throw PeerMisbehaved.illegalParameter("certificate_request_context must be empty in the handshake")
            }
            guard case .signatureAlgorithms(let schemes)? = request.extensions.first(.signatureAlgorithms) else {
                throw PeerMisbehaved.missingExtension(.signatureAlgorithms)
            }
            transcript.append(raw)
            let next = ExpectCertificate(
                negotiation: negotiation, transcript: transcript,
                certificateRequest: ReceivedCertificateRequest(
                    context: request.certificateRequestContext, signatureSchemes: schemes))
            return (.expectCertificate(next), [])
        }

        /// The server's Certificate, without a CertificateRequest before it.
        consuming func handle(
            _ message: CertificateMessage, raw: ByteBuffer, serverName: String?
        ) throws -> (TLS13ClientState, [HandshakeEvent]) {
            try TLS13ClientState.verifyServerCertificate(
                message, raw: raw, negotiation: negotiation, transcript: transcript, certificateRequest: nil,
                serverName: serverName)
        }
    }
}
