import Crypto
import NIOCore

/// The server's TLS 1.3 flight, full or resumed: the start of the TLS 1.3 family of server
/// states (RFC 8446, Sections 2, 2.2, 4.1.3, 4.3, 4.4, D.4).
extension ServerHandshake {
    /// Answers the ClientHello the handshake goes on with (the first, or the one after a
    /// HelloRetryRequest). `prefix` is the transcript before this ClientHello (empty, or
    /// message_hash and HelloRetryRequest); `transcript` includes it.
    ///
    /// ALPN is chosen once; then a PSK is accepted when one is usable (the abbreviated
    /// handshake: ServerHello with pre_shared_key, and key_share for psk_dhe_ke,
    /// EncryptedExtensions and Finished), otherwise an identity is chosen (the full handshake:
    /// also [CertificateRequest], Certificate and CertificateVerify). The flight goes out as
    /// ServerHello, the compatibility change_cipher_spec, then the rest under the handshake
    /// keys as one record sequence.
    func respondTLS13(
        to hello: ClientHello, raw: ByteBuffer, offer: ClientOffer, parameters: CipherSuiteParameters,
        share: KeyShareEntry, prefix: TranscriptHash, transcript: TranscriptHash, helloRetryRequested: Bool
    ) throws -> (TLS13ServerState, [HandshakeEvent]) {
        let applicationProtocol = try Self.selectApplicationProtocol(
            configuration: configuration, offered: offer.applicationProtocols)
        let resumption = try acceptPSK(
            hello, raw: raw, offer: offer, parameters: parameters, prefix: prefix,
            applicationProtocol: applicationProtocol, helloRetryRequested: helloRetryRequested)
        let certificate: ServerIdentitySelection? =
            resumption == nil
            ? try Self.selectIdentity(
                configuration: configuration, serverName: offer.serverName,
                clientSchemes: offer.signatureSchemes, clientCertificateSchemes: offer.certificateSignatureSchemes)
            : nil

        // Section 4.1.3: ServerHello, with a key share unless resumed with psk_ke (Section 7.1:
        // then a zero shared secret).
        var extensions: [TLSExtension] = [.supportedVersionsServer(.tls13)]
        var sharedSecret = [UInt8](repeating: 0, count: parameters.hash.digestLength)
        var group: NamedGroup?
        if resumption?.mode ?? .pskDHEKE == .pskDHEKE {
            let exchange = try KeyExchangeResponder.respond(group: share.group, clientShare: share.keyExchange)
            extensions.append(.keyShareServer(KeyShareEntry(group: share.group, keyExchange: exchange.serverShare)))
            sharedSecret = exchange.sharedSecret
            group = share.group
        }
        if let resumption {
            extensions.append(.preSharedKeyServer(selectedIdentity: resumption.identityIndex))
        }
        let serverHello = ServerHello(
            random: RandomBytes.generate(count: 32), legacySessionIDEcho: hello.legacySessionID,
            cipherSuite: parameters.suite, extensions: extensions)
        var transcript = transcript
        // Section 4.2.10: accepted early data is under a key over the ClientHello alone.
        let clientHelloHash = resumption?.acceptsEarlyData == true ? transcript.currentHash() : []
        let encodedServerHello = HandshakeMessage.serverHello(serverHello).encoded
        transcript.append(encodedServerHello)
        let secrets = TLS13HandshakeSecrets(
            parameters: parameters, keySchedule: resumption?.keySchedule ?? TLS13KeySchedule(hash: parameters.hash),
            sharedSecret: sharedSecret, transcriptHash: transcript.currentHash())

        var events: [HandshakeEvent] = [.sendHandshake(encodedServerHello)]
        events += secrets.logEvents
        if !helloRetryRequested {
            // Section D.4: the compatibility change_cipher_spec follows the first server message,
            // also for a client that sent no session ID (Section 5: every client drops it), as
            // OpenSSL, BoringSSL and Go do: middleboxes watch the server's flight too.
            events.append(.sendChangeCipherSpec)
        }
        events.append(.changeWriteKeys(secrets.protection(secrets.server)))

        var flight = HandshakeMessage.flightBuffer(certificates: certificate?.identity.chain ?? [])
        var encryptedExtensions: [TLSExtension] = []
        if offer.serverName != nil, certificate?.matchedServerName == true {
            encryptedExtensions.append(.serverName(ServerNameList(names: [])))
        }
        if let applicationProtocol {
            encryptedExtensions.append(.applicationLayerProtocolNegotiation([applicationProtocol]))
        }
        if resumption?.acceptsEarlyData == true {
            encryptedExtensions.append(.earlyData(maxEarlyDataSize: nil))
        }
        Self.add(.encryptedExtensions(EncryptedExtensions(extensions: encryptedExtensions)), to: &flight, transcript: &transcript)
        let requestsCertificate = certificate != nil && configuration.clientAuthentication.requestsCertificate
        if let certificate {
            if requestsCertificate {
                Self.add(
                    .certificateRequest(CertificateRequest(extensions: [.signatureAlgorithms(configuration.signatureSchemes)])),
                    to: &flight, transcript: &transcript)
            }
            let entries = certificate.identity.chain.map { CertificateEntry(certificateData: $0) }
            Self.add(.certificate(CertificateMessage(entries: entries)), to: &flight, transcript: &transcript)
            let content = TLSSignatureVerification.certificateVerifyContent(
                transcriptHash: transcript.currentHash(), isServer: true)
            let signature = try certificate.identity.privateKey.sign(scheme: certificate.scheme, content: content)
            Self.add(.certificateVerify(CertificateVerify(algorithm: certificate.scheme, signature: signature)),
                     to: &flight, transcript: &transcript)
        }
        let verifyData = secrets.finishedVerifyData(secrets.server, transcriptHash: transcript.currentHash())
        Self.add(.finished(Finished(verifyData: verifyData)), to: &flight, transcript: &transcript)
        events.append(.sendHandshake(flight))

        // Section 7.1: application secrets over ClientHello..server Finished.
        let applicationSecrets = secrets.keySchedule.deriveApplicationSecrets(transcriptHash: transcript.currentHash())
        events += HandshakeEvent.logApplicationSecrets(applicationSecrets)
        events.append(.changeWriteKeys(secrets.protection(applicationSecrets.server)))
        // Section 4.1.2: no early data after a HelloRetryRequest; an early_data extension in the
        // second ClientHello is ignored, and what follows it must open under the handshake keys.
        let offeredEarlyData = !helloRetryRequested && hello.extensions.first(.earlyData) != nil
        if let resumption, resumption.acceptsEarlyData {
            // Section 4.2.10: 0-RTT records until EndOfEarlyData, under client_early_traffic_secret.
            let earlySecret = secrets.keySchedule.clientEarlyTrafficSecret(transcriptHash: clientHelloHash)
            events.append(.logSecret(.clientEarlyTrafficSecret, earlySecret))
            events.append(.changeReadKeys(secrets.protection(earlySecret)))
        } else {
            if offeredEarlyData {
                // Section 4.2.10: rejected early data is skipped.
                events.append(.skipRejectedEarlyData(limit: earlyDataSkipLimit(session: resumption?.session)))
            }
            events.append(.changeReadKeys(secrets.protection(secrets.client)))
        }

        let negotiation = TLS13ServerNegotiation(
            secrets: secrets,
            trafficSecrets: TLS13TrafficSecrets(
                parameters: parameters, role: .server, applicationSecrets: applicationSecrets),
            group: group, helloRetryRequested: helloRetryRequested,
            applicationProtocol: applicationProtocol, serverName: offer.serverName,
            localSignatureScheme: certificate?.scheme, clientAcceptsTickets: clientAcceptsTickets(hello),
            earlyDataAccepted: offeredEarlyData ? resumption?.acceptsEarlyData == true : nil)
        let next: TLS13ServerState
        if let resumption {
            next =
                resumption.acceptsEarlyData
                ? .expectEndOfEarlyData(TLS13ServerState.ExpectEndOfEarlyData(
                    negotiation: negotiation, transcript: transcript, resumedCertificates: resumption.session.peerCertificates))
                : .expectFinished(TLS13ServerState.ExpectFinished(
                    negotiation: negotiation, transcript: transcript,
                    client: .resumed(certificates: resumption.session.peerCertificates)))
        } else if requestsCertificate {
            next = .expectCertificate(TLS13ServerState.ExpectCertificate(negotiation: negotiation, transcript: transcript))
        } else {
            next = .expectFinished(TLS13ServerState.ExpectFinished(
                negotiation: negotiation, transcript: transcript, client: .anonymous))
        }
        return (next, events)
    }

    /// Appends an encoded message to the flight and the transcript.
    private static func add(_ message: HandshakeMessage, to flight: inout ByteBuffer, transcript: inout TranscriptHash) {
        transcript.append(message.encode(appendingTo: &flight))
    }
}
