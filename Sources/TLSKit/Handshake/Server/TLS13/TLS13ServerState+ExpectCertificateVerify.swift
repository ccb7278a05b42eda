import NIOCore

extension TLS13ServerState {
    /// The verifier accepts the client's chain; the client proves it holds the leaf's key next
    /// (RFC 8446, Section 4.4.3).
    struct ExpectCertificateVerify {
        let negotiation: TLS13ServerNegotiation
        var transcript: TranscriptHash
        let chain: PeerCertificateChain
        let verification: CertificateVerificationResult

        consuming func handle(
            _ message: CertificateVerify, raw: ByteBuffer, configuration: TLSServerConfiguration
        ) throws -> (TLS13ServerState, [HandshakeEvent]) {
            try PeerProof.checkCertificateVerify(
                message, offered: configuration.signatureSchemes, chain: chain,
                transcriptHash: transcript.currentHash(), peer: .client)
            transcript.append(raw)
            let next = ExpectFinished(
                negotiation: negotiation, transcript: transcript,
                client: .certified(certificates: chain.certificates, verification: verification, scheme: message.algorithm))
            return (.expectFinished(next), [])
        }
    }
}
