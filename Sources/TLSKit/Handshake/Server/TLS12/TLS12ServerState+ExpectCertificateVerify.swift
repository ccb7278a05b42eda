import NIOCore

extension TLS12ServerState {
    /// The client sent a certificate; it proves it holds the leaf's key by signing every
    /// handshake message so far (RFC 5246, Section 7.4.8).
    struct ExpectCertificateVerify {
        let negotiation: TLS12ServerNegotiation
        let keys: TLS12SessionKeys
        var transcript: TLS12Transcript
        let handshakeMessages: ByteBuffer
        let chain: PeerCertificateChain
        let verification: CertificateVerificationResult

        /// A scheme we did not offer is an illegal_parameter, a bad signature a decrypt_error.
        consuming func handle(
            _ message: CertificateVerify, raw: ByteBuffer, configuration: TLSServerConfiguration
        ) throws -> (TLS12ServerState, [HandshakeEvent]) {
            try TLS12CertificateVerify.verify(
                message, handshakeMessages: handshakeMessages,
                offered: ServerHandshake.tls12ClientCertificateSchemes(configuration: configuration),
                clientCertificates: chain.certificates)
            transcript.append(raw)
            return (.expectChangeCipherSpec(ExpectChangeCipherSpec(
                negotiation: negotiation, keys: keys, transcript: transcript,
                client: .certified(certificates: chain.certificates, verification: verification, scheme: message.algorithm), resumed: false)), [])
        }
    }
}
