import Crypto
import NIOCore

extension TLS12ClientState {
    /// The server's key exchange is known; an optional CertificateRequest (RFC 5246, Section
    /// 7.4.4) and the ServerHelloDone (Section 7.4.5) come next.
    struct ExpectServerHelloDone {
        let negotiation: TLS12ClientNegotiation
        var transcript: TLS12Transcript
        let certificate: TLS12ServerCertificate
        let keyExchange: TLS12ClientKeyExchangePlan
        /// Set when the server asked for a client certificate.
        var certificateRequest: TLS12CertificateRequest?

        /// At most one CertificateRequest.
        consuming func handle(
            _ request: TLS12CertificateRequest, raw: ByteBuffer
        ) throws -> (TLS12ClientState, [HandshakeEvent]) {
            guard certificateRequest == nil else {
                throw PeerMisbehaved.unexpectedMessage("a second CertificateRequest")
            }
            transcript.append(raw)
            certificateRequest = request
            return (.expectServerHelloDone(self), [])
        }

        /// Sends our flight (Section 7.3, Figure 1): [Certificate] ClientKeyExchange
        /// [CertificateVerify], ChangeCipherSpec, then Finished under the new keys. The master
        /// secret is the extended one (RFC 7627, Section 4: its session hash runs through the
        /// ClientKeyExchange) when both sides sent extended_master_secret.
        consuming func handleServerHelloDone(
            raw: ByteBuffer, configuration: TLSClientConfiguration
        ) throws -> (TLS12ClientState, [HandshakeEvent]) {
            transcript.append(raw)
            var flight = HandshakeMessage.flightBuffer()
            var signer: (key: TLSSigningKey, scheme: SignatureScheme)?
            if let certificateRequest {
                let identity = Self.clientIdentity(answering: certificateRequest, configuration: configuration)
                signer = identity.map { ($0.identity.privateKey, $0.scheme) }
                transcript.append(.tls12Certificate(TLS12CertificateMessage(certificateList: identity?.identity.chain ?? [])), to: &flight)
            }
            let (clientKeyExchange, preMasterSecret) = try makeClientKeyExchange()
            transcript.append(.clientKeyExchange(clientKeyExchange), to: &flight)
            let keys = TLS12SessionKeys(
                parameters: negotiation.parameters, preMasterSecret: preMasterSecret,
                extendedMasterSecret: negotiation.extendedMasterSecret, sessionHash: transcript.currentHash,
                clientRandom: negotiation.clientRandom, serverRandom: negotiation.serverRandom)
            if let signer, let messages = transcript.messages {
                // Section 7.4.8: over every handshake message so far, through the ClientKeyExchange.
                let verify = try TLS12CertificateVerify.sign(handshakeMessages: messages, key: signer.key, scheme: signer.scheme)
                transcript.append(.certificateVerify(verify), to: &flight)
            }
            transcript.dropMessages()

            var events: [HandshakeEvent] = [
                keys.logEvent, .sendHandshake(flight), .sendChangeCipherSpec,
                .changeWriteKeys(keys.recordProtection(writer: .client)),
            ]
            let finished = HandshakeMessage.finished(keys.finished(sender: .client, handshakeHash: transcript.currentHash)).encoded
            transcript.append(finished)
            events.append(.sendHandshake(finished))
            let next = ExpectChangeCipherSpec(
                negotiation: negotiation, transcript: transcript, keys: keys,
                handshake: .full(
                    certificate, group: keyExchange.group, serverScheme: keyExchange.serverScheme,
                    localScheme: signer?.scheme),
                ticket: nil)
            return (.expectChangeCipherSpec(next), events)
        }

        /// The ClientKeyExchange and the premaster secret: our ECDHE share, or a fresh
        /// premaster secret (with the ClientHello's version, Section 7.4.7.1) encrypted to the
        /// leaf's RSA key.
        private func makeClientKeyExchange() throws -> (ClientKeyExchange, SymmetricKey) {
            switch keyExchange {
            case .ecdhe(let share, _, _):
                return (share.clientKeyExchange, share.preMasterSecret)
            case .rsa:
                guard let publicKey = TLS12RSAKeyExchange.encryptionKey(for: certificate.publicKey) else {
                    throw TLSError(
                        code: .peerIncompatible,
                        reason: "the server's certificate has no RSA key of at least 2048 bits to encrypt the premaster secret to",
                        alert: .unsupportedCertificate)
                }
                let (secret, encrypted) = try TLS12RSAKeyExchange.clientKeyExchange(
                    publicKey: publicKey, clientVersion: negotiation.clientVersion)
                return (.rsa(encryptedPreMasterSecret: encrypted), secret)
            }
        }

        /// RFC 5246, Section 7.4.6: the configured identity when its key is of a type the
        /// request lists (rsa_sign, or ecdsa_sign also for Ed25519, RFC 8422, Section 5.5) and
        /// can sign with one of its schemes; nil (an empty Certificate: the server decides
        /// whether to go on) otherwise.
        private static func clientIdentity(
            answering request: TLS12CertificateRequest, configuration: TLSClientConfiguration
        ) -> (identity: TLSCertificateIdentity, scheme: SignatureScheme)? {
            guard let identity = configuration.clientIdentity else { return nil }
            let certificateType: UInt8 =
                switch identity.privateKey.backing {
                case .rsa: TLS12CertificateRequest.rsaSign
                case .p256, .p384, .ed25519: TLS12CertificateRequest.ecdsaSign
                }
            guard request.certificateTypes.contains(certificateType),
                let scheme = try? TLS12SignatureSelection.select(
                    key: identity.privateKey, peerSchemes: request.supportedSignatureAlgorithms,
                    allowed: configuration.signatureSchemes, peer: .server)
            else { return nil }
            return (identity, scheme)
        }
    }
}
