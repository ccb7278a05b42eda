import NIOCore

extension TLS13ClientState {
    /// The verifier trusts the server's chain; the server proves it holds the leaf's key next
    /// (RFC 8446, Section 4.4.3).
    struct ExpectCertificateVerify {
        let negotiation: TLS13ClientNegotiation
        var transcript: TranscriptHash
        let certificateRequest: ReceivedCertificateRequest?
        let chain: PeerCertificateChain
        let verification: CertificateVerificationResult

        consuming func handle(
            _ message: CertificateVerify, raw: ByteBuffer, configuration: TLSClientConfiguration
        ) throws -> (TLS13ClientState, [HandshakeEvent]) {
            try PeerProof.checkCertificateVerify(
                message, offered: configuration.signatureSchemes, chain: chain,
                transcriptHash: transcript.currentHash(), peer: .server)
            transcript.append(raw)
            let next = ExpectFinished(
                negotiation: negotiation, transcript: transcript, certificateRequest: certificateRequest,
                server: .certified(certificates: chain.certificates, verification: verification, scheme: message.algorithm))
            return (.expectFinished(next), [])
        }
    }
}
