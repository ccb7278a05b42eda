import NIOCore

extension TLS12ClientState {
    /// A full handshake: the server's Certificate comes next (RFC 5246, Section 7.4.2).
    struct ExpectCertificate {
        let negotiation: TLS12ClientNegotiation
        var transcript: TLS12Transcript

        /// The chain must not be empty and its leaf must fit the suite (and, for ECDSA, the
        /// supported_groups we sent; see `TLS12ServerCertificate`); the handshake pauses
        /// for the verifier's verdict on it.
        consuming func handle(
            _ message: TLS12CertificateMessage, raw: ByteBuffer, serverName: String?
        ) throws -> (TLS12ClientState, [HandshakeEvent]) {
            guard let chain = PeerCertificateChain(message.certificateList) else {
                throw DecodeError.invalidValue("the server sent an empty Certificate message")
            }
            let parameters = negotiation.parameters
            let certificate = try TLS12ServerCertificate(
                chain: chain, authentication: parameters.authentication ?? .rsa, suite: parameters.suite,
                offeredGroups: negotiation.offeredGroups)
            transcript.append(raw)
            let (pause, event) = PeerVerificationPause.pause(
                AwaitingVerification(negotiation: negotiation, transcript: transcript, certificate: certificate),
                peer: .server, serverName: serverName)
            return (.awaitingVerification(pause), [event])
        }
    }
}
