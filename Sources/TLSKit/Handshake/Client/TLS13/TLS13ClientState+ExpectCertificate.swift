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
            try TLS13ClientState.verifyServerCertificate(
                message, raw: raw, negotiation: negotiation, transcript: transcript,
                certificateRequest: certificateRequest, serverName: serverName)
        }
    }

    /// RFC 8446, Section 4.4.2: the server's chain, which must not be empty; the handshake
    /// pauses for the verifier's verdict on it.
    static func verifyServerCertificate(
        _ message: CertificateMessage, raw: ByteBuffer, negotiation: TLS13ClientNegotiation,
        transcript: consuming TranscriptHash, certificateRequest: ReceivedCertificateRequest?, serverName: String?
    ) throws -> (TLS13ClientState, [HandshakeEvent]) {
        guard let chain = try PeerCertificateChain.received(message, from: .server) else {
            throw DecodeError.invalidValue("the server sent an empty Certificate message")
        }
        transcript.append(raw)
        let (pause, event) = PeerVerificationPause.pause(
            AwaitingVerification(
                negotiation: negotiation, transcript: transcript, certificateRequest: certificateRequest, chain: chain),
            peer: .server, serverName: serverName)
        return (.awaitingVerification(pause), [event])
    }
}
