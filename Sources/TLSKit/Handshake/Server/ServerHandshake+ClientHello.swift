import Crypto
import NIOCore

extension ServerHandshake {
    /// RFC 8446, Sections 4.1.1 and 4.1.2: the first ClientHello. Answers with a
    /// HelloRetryRequest or with the whole server flight.
    mutating func handleClientHello(_ hello: ClientHello, raw: ByteBuffer) throws -> [HandshakeEvent] {
        let offer = try Self.checkClientHello(hello, configuration: configuration)
        guard hello.extensions.first(.cookie) == nil else {
            throw PeerMisbehaved.illegalParameter("a cookie in the first ClientHello, before any HelloRetryRequest")
        }
        let parameters = try Self.selectCipherSuite(configuration: configuration, offered: hello.cipherSuites)
        let decision = try Self.selectKeyShare(
            configuration: configuration, clientGroups: offer.groups, shares: offer.shares)
        var transcript = TranscriptHash()
        transcript.choose(parameters.hash)
        transcript.append(raw)
        switch decision {
        case .use(let share):
            var prefix = TranscriptHash()
            prefix.choose(parameters.hash)
            return try respondToFinalClientHello(
                hello, raw: raw, offer: offer, parameters: parameters, share: share, prefix: prefix,
                transcript: transcript, helloRetryRequested: false)
        case .retry(let group):
            // Everything the second ClientHello needs goes into the cookie (Section 4.2.2).
            let cookie = HelloRetryCookie(
                cipherSuite: parameters.suite, group: group, clientHelloHash: transcript.currentHash(),
                consistencyDigest: HelloRetryCookie.consistencyDigest(of: hello))
            let retryRequest = Self.helloRetryRequest(
                sessionID: hello.legacySessionID, suite: parameters.suite, group: group,
                cookie: cookie.sealed(key: configuration.cookieKey))
            state = .expectSecondClientHello
            var events: [HandshakeEvent] = [.sendHandshake(HandshakeMessage.serverHello(retryRequest).encoded)]
            if !hello.legacySessionID.isEmpty {
                // Section D.4: the compatibility change_cipher_spec follows the first server message.
                events.append(.sendChangeCipherSpec)
            }
            if hello.extensions.first(.earlyData) != nil {
                // Section 4.2.10: after a HelloRetryRequest early data is always rejected.
                events.append(.skipRejectedEarlyData(limit: earlyDataSkipLimit(session: nil)))
            }
            return events
        }
    }

    /// RFC 8446, Section 4.1.2: the ClientHello after a HelloRetryRequest must carry our
    /// cookie, one share for the requested group, and otherwise be the first ClientHello.
    /// A second HelloRetryRequest is never sent.
    mutating func handleSecondClientHello(_ hello: ClientHello, raw: ByteBuffer) throws -> [HandshakeEvent] {
        guard case .cookie(let cookieBytes)? = hello.extensions.first(.cookie) else {
            throw PeerMisbehaved.missingExtension(.cookie)
        }
        let cookie = try HelloRetryCookie.open(cookieBytes, key: configuration.cookieKey)
        guard HelloRetryCookie.consistencyDigest(of: hello) == cookie.consistencyDigest else {
            throw PeerMisbehaved.illegalParameter("the second ClientHello differs from the first in more than key_share and cookie")
        }
        let offer = try Self.checkClientHello(hello, configuration: configuration)
        guard hello.cipherSuites.contains(cookie.cipherSuite),
            configuration.cipherSuites.contains(cookie.cipherSuite),
            let parameters = CipherSuiteParameters.tls13(cookie.cipherSuite),
            cookie.clientHelloHash.count == parameters.hash.digestLength
        else {
            throw PeerMisbehaved.illegalParameter("the cookie names cipher suite \(cookie.cipherSuite), which is not acceptable")
        }
        guard offer.shares.count == 1, let share = offer.shares.first, share.group == cookie.group else {
            throw PeerMisbehaved.illegalParameter(
                "the second ClientHello must carry exactly one key share, for \(cookie.group), not \(offer.shares.map(\.group))")
        }
        guard offer.groups.contains(share.group), configuration.supportedGroups.contains(share.group) else {
            throw PeerMisbehaved.illegalParameter("the requested group \(share.group) is no longer acceptable")
        }
        // Section 4.4.1: message_hash(ClientHello1) || HelloRetryRequest || ClientHello2.
        let retryRequest = Self.helloRetryRequest(
            sessionID: hello.legacySessionID, suite: cookie.cipherSuite, group: cookie.group, cookie: cookieBytes)
        var transcript = TranscriptHash()
        transcript.choose(parameters.hash)
        transcript.append(bytes: [HandshakeType.messageHash.rawValue, 0, 0, UInt8(truncatingIfNeeded: cookie.clientHelloHash.count)])
        transcript.append(bytes: cookie.clientHelloHash)
        transcript.append(HandshakeMessage.serverHello(retryRequest).encoded)
        let prefix = transcript
        transcript.append(raw)
        return try respondToFinalClientHello(
            hello, raw: raw, offer: offer, parameters: parameters, share: share, prefix: prefix,
            transcript: transcript, helloRetryRequested: true)
    }

    /// What a ClientHello offers once it passes the checks every ClientHello must pass.
    struct ClientOffer {
        var groups: [NamedGroup]
        var shares: [KeyShareEntry]
        var signatureSchemes: [SignatureScheme]
        /// signature_algorithms_cert, or signature_algorithms without it (Section 4.2.3).
        var certificateSignatureSchemes: [SignatureScheme]
        var serverName: String?
        var applicationProtocols: [String]?
    }

    /// Version, compression and the extensions a certificate-based TLS 1.3 handshake needs
    /// (RFC 8446, Sections 4.1.2, 4.2.1, 9.2).
    static func checkClientHello(_ hello: ClientHello, configuration: TLSServerConfiguration) throws -> ClientOffer {
        guard hello.legacyVersion.rawValue >= ProtocolVersion.tls10.rawValue else {
            throw PeerIncompatible.noSharedVersion("the client's legacy_version is \(hello.legacyVersion)")
        }
        guard case .supportedVersionsClient(let versions)? = hello.extensions.first(.supportedVersions),
            versions.contains(.tls13), configuration.versions.contains(.tls13)
        else {
            throw PeerIncompatible.noSharedVersion(
                "the client offers only TLS 1.2 or older, and this server speaks only TLSv1.3 (TLS 1.2 is not implemented yet)")
        }
        guard hello.legacyCompressionMethods == [0] else {
            throw PeerMisbehaved.illegalParameter("legacy_compression_methods must be exactly [null] in TLS 1.3")
        }
        var offer = ClientOffer(groups: [], shares: [], signatureSchemes: [], certificateSignatureSchemes: [])
        var sawGroups = false
        var sawShares = false
        var sawSchemes = false
        var certificateSchemes: [SignatureScheme]?
        for item in hello.extensions {
            switch item {
            case .supportedGroups(let groups):
                offer.groups = groups
                sawGroups = true
            case .keyShareClient(let shares):
                offer.shares = shares
                sawShares = true
            case .signatureAlgorithms(let schemes):
                offer.signatureSchemes = schemes
                sawSchemes = true
            case .signatureAlgorithmsCert(let schemes):
                certificateSchemes = schemes
            case .serverName(let list):
                offer.serverName = list.names.first
            case .applicationLayerProtocolNegotiation(let protocols):
                offer.applicationProtocols = protocols
            default:
                // pre_shared_key, psk_key_exchange_modes and early_data are read by
                // `respondToFinalClientHello`; unknown extensions are ignored (Section 4.2).
                break
            }
        }
        // Section 9.2: without a PSK, a ClientHello must carry these.
        guard sawSchemes else { throw PeerMisbehaved.missingExtension(.signatureAlgorithms) }
        guard sawShares else { throw PeerMisbehaved.missingExtension(.keyShare) }
        guard sawGroups else { throw PeerMisbehaved.missingExtension(.supportedGroups) }
        offer.certificateSignatureSchemes = certificateSchemes ?? offer.signatureSchemes
        return offer
    }

    /// The HelloRetryRequest (RFC 8446, Section 4.1.4); deterministic, so that it can be
    /// rebuilt for the transcript from the second ClientHello and the cookie.
    static func helloRetryRequest(
        sessionID: [UInt8], suite: CipherSuite, group: NamedGroup, cookie: [UInt8]
    ) -> ServerHello {
        ServerHello(
            random: ServerHello.helloRetryRequestRandom, legacySessionIDEcho: sessionID, cipherSuite: suite,
            extensions: [.supportedVersionsServer(.tls13), .keyShareHelloRetryRequest(group), .cookie(cookie)])
    }

    /// Completes the key exchange and sends ServerHello, the compatibility change_cipher_spec,
    /// then EncryptedExtensions, [CertificateRequest], Certificate, CertificateVerify and
    /// Finished as one flight (RFC 8446, Sections 4.1.3, 4.3, 4.4, D.4).
    mutating func respond(
        to hello: ClientHello, offer: ClientOffer, parameters: CipherSuiteParameters, share: KeyShareEntry,
        transcript: TranscriptHash, helloRetryRequested: Bool
    ) throws -> [HandshakeEvent] {
        let selection = try Self.selectIdentity(
            configuration: configuration, serverName: offer.serverName,
            clientSchemes: offer.signatureSchemes, clientCertificateSchemes: offer.certificateSignatureSchemes)
        let applicationProtocol = try Self.selectApplicationProtocol(
            configuration: configuration, offered: offer.applicationProtocols)
        let exchange = try KeyExchangeResponder.respond(group: share.group, clientShare: share.keyExchange)

        var transcript = transcript
        let serverHello = ServerHello(
            random: RandomBytes.generate(count: 32), legacySessionIDEcho: hello.legacySessionID,
            cipherSuite: parameters.suite,
            extensions: [
                .supportedVersionsServer(.tls13),
                .keyShareServer(KeyShareEntry(group: share.group, keyExchange: exchange.serverShare)),
            ])
        let encodedServerHello = HandshakeMessage.serverHello(serverHello).encoded
        transcript.append(encodedServerHello)
        var keySchedule = TLS13KeySchedule(hash: parameters.hash)
        let handshakeSecrets = keySchedule.deriveHandshakeSecrets(
            sharedSecret: exchange.sharedSecret, transcriptHash: transcript.currentHash())

        var events: [HandshakeEvent] = [.sendHandshake(encodedServerHello)]
        events += [.logSecret(.clientHandshakeTrafficSecret, handshakeSecrets.client), .logSecret(.serverHandshakeTrafficSecret, handshakeSecrets.server)]
        if !hello.legacySessionID.isEmpty && !helloRetryRequested {
            events.append(.sendChangeCipherSpec)
        }
        events.append(.changeWriteKeys(.tls13(parameters: parameters, trafficSecret: handshakeSecrets.server)))

        var flight = ByteBuffer()
        var encryptedExtensions: [TLSExtension] = []
        if offer.serverName != nil && selection.matchedServerName {
            encryptedExtensions.append(.serverName(ServerNameList(names: [])))
        }
        if let applicationProtocol {
            encryptedExtensions.append(.applicationLayerProtocolNegotiation([applicationProtocol]))
        }
        Self.add(.encryptedExtensions(EncryptedExtensions(extensions: encryptedExtensions)), to: &flight, transcript: &transcript)
        let requestsCertificate = configuration.clientAuthentication.requestsCertificate
        if requestsCertificate {
            Self.add(
                .certificateRequest(CertificateRequest(extensions: [.signatureAlgorithms(configuration.signatureSchemes)])),
                to: &flight, transcript: &transcript)
        }
        let entries = selection.identity.chain.map { CertificateEntry(certificateData: $0) }
        Self.add(.certificate(CertificateMessage(entries: entries)), to: &flight, transcript: &transcript)
        let content = TLSSignatureVerification.certificateVerifyContent(
            transcriptHash: transcript.currentHash(), isServer: true)
        let signature = try selection.identity.privateKey.sign(scheme: selection.scheme, content: content)
        Self.add(.certificateVerify(CertificateVerify(algorithm: selection.scheme, signature: signature)),
                 to: &flight, transcript: &transcript)
        let verifyData = keySchedule.finishedVerifyData(
            trafficSecret: handshakeSecrets.server, transcriptHash: transcript.currentHash())
        Self.add(.finished(Finished(verifyData: verifyData)), to: &flight, transcript: &transcript)
        events.append(.sendHandshake(flight))

        // Section 7.1: application secrets over ClientHello..server Finished.
        let applicationSecrets = keySchedule.deriveApplicationSecrets(transcriptHash: transcript.currentHash())
        events += HandshakeEvent.logApplicationSecrets(applicationSecrets, keySchedule: keySchedule)
        events.append(.changeWriteKeys(.tls13(parameters: parameters, trafficSecret: applicationSecrets.server)))
        events.append(.changeReadKeys(.tls13(parameters: parameters, trafficSecret: handshakeSecrets.client)))

        let progress = ServerHandshakeProgress(
            parameters: parameters, keySchedule: keySchedule, transcript: transcript, group: share.group,
            helloRetryRequested: helloRetryRequested, clientHandshakeSecret: handshakeSecrets.client,
            clientApplicationSecret: applicationSecrets.client, serverApplicationSecret: applicationSecrets.server,
            applicationProtocol: applicationProtocol, serverName: offer.serverName,
            localSignatureScheme: selection.scheme, clientAcceptsTickets: clientAcceptsTickets(hello))
        state = requestsCertificate ? .expectCertificate(progress) : .expectFinished(progress)
        return events
    }

    /// Appends an encoded message to the flight and the transcript.
    private static func add(_ message: HandshakeMessage, to flight: inout ByteBuffer, transcript: inout TranscriptHash) {
        let encoded = message.encoded
        transcript.append(encoded)
        flight.writeImmutableBuffer(encoded)
    }
}
