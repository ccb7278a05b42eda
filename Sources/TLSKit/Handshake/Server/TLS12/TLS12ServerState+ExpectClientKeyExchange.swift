import Crypto
import NIOCore

extension TLS12ServerState {
    /// The server's flight is out (and the client's certificate, if any, verified); the
    /// client's key exchange comes next (RFC 5246, Section 7.4.7).
    struct ExpectClientKeyExchange {
        let negotiation: TLS12ServerNegotiation
        let keyExchange: TLS12ServerKeyExchangeSecret
        /// Keeps the messages when the client sent a certificate, for its CertificateVerify.
        var transcript: TLS12Transcript
        /// The client's chain and the verifier's verdict, when it sent one.
        let clientChain: PeerCertificateChain?
        let verification: CertificateVerificationResult?

        /// The premaster secret, then the master secret: extended (RFC 7627, Section 4) over
        /// the transcript through this message, or the classic one.
        ///
        /// ECDHE (RFC 8422, Section 5.10): a malformed point is an illegal_parameter. RSA
        /// (RFC 5246, Section 7.4.7.1): whatever the ciphertext holds, a 48-byte premaster
        /// comes out (a random one when it is bad) and the handshake goes on exactly as for a
        /// good one; a bad one only shows as a Finished that fails.
        consuming func handle(_ message: ClientKeyExchange, raw: ByteBuffer) throws -> (TLS12ServerState, [HandshakeEvent]) {
            let preMasterSecret: SymmetricKey
            switch (keyExchange, message) {
            case (.ecdhe(let keyPair), .ecdhe(let point)):
                preMasterSecret = try TLS12ECDHEKeyExchange.serverPreMasterSecret(keyPair: keyPair, clientPublicKey: point)
            case (.rsa(let key), .rsa(let encrypted)):
                guard let privateKey = TLS12RSAKeyExchange.decryptionKey(for: key) else {
                    throw TLSError(code: .internalError, reason: "the RSA key exchange suite was chosen for a key that is not RSA")
                }
                preMasterSecret = TLS12RSAKeyExchange.decryptPreMasterSecret(
                    encryptedPreMasterSecret: encrypted, privateKey: privateKey, clientVersion: negotiation.clientVersion)
            default:
                throw PeerMisbehaved.unexpectedMessage("a ClientKeyExchange of another key exchange than the suite's")
            }
            transcript.append(raw)
            let keys = TLS12SessionKeys(
                parameters: negotiation.parameters, preMasterSecret: preMasterSecret,
                extendedMasterSecret: negotiation.extendedMasterSecret, sessionHash: transcript.currentHash,
                clientRandom: negotiation.clientRandom, serverRandom: negotiation.serverRandom)
            let events = [keys.logEvent]
            if let clientChain, let verification, let handshakeMessages = transcript.messages {
                transcript.dropMessages()
                return (.expectCertificateVerify(ExpectCertificateVerify(
                    negotiation: negotiation, keys: keys, transcript: transcript, handshakeMessages: handshakeMessages,
                    chain: clientChain, verification: verification)), events)
            }
            return (.expectChangeCipherSpec(ExpectChangeCipherSpec(
                negotiation: negotiation, keys: keys, transcript: transcript, client: .anonymous, resumed: false)), events)
        }
    }
}
