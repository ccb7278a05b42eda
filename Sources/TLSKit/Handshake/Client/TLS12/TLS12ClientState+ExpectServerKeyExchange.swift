import NIOCore

extension TLS12ClientState {
    /// An ECDHE suite: the server's signed ephemeral key comes next (RFC 8422, Section 5.4).
    struct ExpectServerKeyExchange {
        let negotiation: TLS12ClientNegotiation
        var transcript: TLS12Transcript
        let certificate: TLS12ServerCertificate

        /// The group must be one we offered, the scheme one we offered that fits the leaf's
        /// key, and the signature must verify over both randoms and the params; then our
        /// share and the premaster secret are computed.
        consuming func handle(
            _ message: ServerKeyExchangeECDHE, raw: ByteBuffer
        ) throws -> (TLS12ClientState, [HandshakeEvent]) {
            let share = try TLS12ECDHEKeyExchange.verify(
                serverKeyExchange: message, clientRandom: negotiation.clientRandom, serverRandom: negotiation.serverRandom,
                leafPublicKey: certificate.publicKey, offeredSchemes: negotiation.offeredSchemes,
                offeredGroups: negotiation.offeredGroups)
            transcript.append(raw)
            let next = ExpectServerHelloDone(
                negotiation: negotiation, transcript: transcript, certificate: certificate,
                keyExchange: .ecdhe(share, group: message.namedCurve, serverScheme: message.algorithm),
                certificateRequest: nil)
            return (.expectServerHelloDone(next), [])
        }
    }
}
