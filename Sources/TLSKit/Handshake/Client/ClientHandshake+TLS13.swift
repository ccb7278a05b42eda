import Crypto
import NIOCore

extension ClientHandshake {
    /// RFC 8446, Section 4.3.1: only extensions the client offered may come back.
    mutating func handleEncryptedExtensions(
        _ message: EncryptedExtensions, raw: ByteBuffer, progress: ClientHandshakeProgress
    ) throws -> [HandshakeEvent] {
        var progress = progress
        var earlyDataAccepted = false
        for item in message.extensions {
            switch item {
            case .earlyData(nil):
                earlyDataAccepted = true
            case .serverName(let list) where list.names.isEmpty && offered(.serverName):
                break
            case .supportedGroups:
                // The server's preference, informational only (RFC 8446, Section 4.2.7).
                break
            case .applicationLayerProtocolNegotiation(let protocols) where offered(.applicationLayerProtocolNegotiation):
                guard protocols.count == 1, let chosen = protocols.first,
                      configuration.applicationProtocols.contains(chosen) else {
                    throw PeerMisbehaved.illegalParameter("the server selected ALPN \(protocols), which is not exactly one of the offered \(configuration.applicationProtocols)")
                }
                progress.applicationProtocol = chosen
            default:
                throw PeerMisbehaved.unsupportedExtension(item.type, in: .encryptedExtensions)
            }
        }
        progress.transcript.append(raw)
        try finishEncryptedExtensions(progress, earlyDataInExtensions: earlyDataAccepted)
        return []
    }

    /// RFC 8446, Section 4.3.2. The client answers after the server's Finished with its
    /// `clientIdentity`, or with an empty Certificate message without one (Section 4.4.2).
    mutating func handleCertificateRequest(
        _ request: CertificateRequest, raw: ByteBuffer, progress: ClientHandshakeProgress
    ) throws -> [HandshakeEvent] {
        guard request.certificateRequestContext.isEmpty else {
            throw PeerMisbehaved.illegalParameter("certificate_request_context must be empty in the handshake")
        }
        guard case .signatureAlgorithms(let schemes)? = request.extensions.first(.signatureAlgorithms) else {
            throw PeerMisbehaved.missingExtension(.signatureAlgorithms)
        }
        var progress = progress
        progress.certificateRequestContext = request.certificateRequestContext
        progress.certificateRequestSchemes = schemes
        progress.transcript.append(raw)
        state = .expectCertificate(progress)
        return []
    }

    /// RFC 8446, Section 4.4.2: the server's chain; the handshake pauses for the verifier.
    mutating func handleCertificate(
        _ message: CertificateMessage, raw: ByteBuffer, progress: ClientHandshakeProgress
    ) throws -> [HandshakeEvent] {
        guard message.certificateRequestContext.isEmpty else {
            throw PeerMisbehaved.illegalParameter("certificate_request_context must be empty in the server's Certificate")
        }
        guard !message.entries.isEmpty else {
            throw DecodeError.invalidValue("the server sent an empty Certificate message")
        }
        var progress = progress
        for entry in message.entries {
            for item in entry.extensions {
                // This client offers no status_request or signed_certificate_timestamp.
                throw PeerMisbehaved.unsupportedExtension(item.type, in: .certificate)
            }
        }
        progress.peerCertificates = message.entries.map(\.certificateData)
        progress.transcript.append(raw)
        state = .awaitingVerification(progress)
        let request = CertificateVerificationRequest(
            chain: progress.peerCertificates, serverName: serverName, ocspResponse: progress.ocspResponse,
            purpose: .serverAuth)
        return [.verifyPeer(request)]
    }

    /// RFC 8446, Section 4.4.3: the server proves it holds the certificate's key.
    mutating func handleCertificateVerify(
        _ message: CertificateVerify, raw: ByteBuffer, progress: ClientHandshakeProgress
    ) throws -> [HandshakeEvent] {
        try PeerProof.checkCertificateVerify(
            message, offered: configuration.signatureSchemes, peerCertificates: progress.peerCertificates,
            transcriptHash: progress.transcript.currentHash(), peer: .server)
        var progress = progress
        progress.signatureScheme = message.algorithm
        progress.transcript.append(raw)
        state = .expectFinished(progress)
        return []
    }

    /// RFC 8446, Section 4.4.4: check the server's Finished, then send ours and switch to
    /// application traffic keys (Section 7.1).
    mutating func handleFinished(
        _ message: Finished, raw: ByteBuffer, progress: ClientHandshakeProgress
    ) throws -> [HandshakeEvent] {
        try PeerProof.checkFinished(
            message, keySchedule: progress.keySchedule, peerHandshakeSecret: progress.serverHandshakeSecret,
            transcriptHash: progress.transcript.currentHash())
        var progress = progress
        progress.transcript.append(raw)
        let applicationSecrets = progress.keySchedule.deriveApplicationSecrets(
            transcriptHash: progress.transcript.currentHash())

        var events: [HandshakeEvent] = [
            .changeReadKeys(.tls13(parameters: progress.parameters, trafficSecret: applicationSecrets.server))
        ]
        events += HandshakeEvent.logApplicationSecrets(applicationSecrets, keySchedule: progress.keySchedule)
        if !progress.sentChangeCipherSpec {
            events.append(.sendChangeCipherSpec)
        }
        events += Self.endOfEarlyData(progress: &progress)
        events.append(.changeWriteKeys(.tls13(parameters: progress.parameters, trafficSecret: progress.clientHandshakeSecret)))
        var flight = ByteBuffer()
        if let context = progress.certificateRequestContext {
            try appendClientCertificate(context: context, to: &flight, progress: &progress)
        }
        let verifyData = progress.keySchedule.finishedVerifyData(
            trafficSecret: progress.clientHandshakeSecret, transcriptHash: progress.transcript.currentHash())
        var finished = ByteBuffer()
        HandshakeMessage.finished(Finished(verifyData: verifyData)).encode(into: &finished)
        progress.transcript.append(finished)
        flight.writeImmutableBuffer(finished)
        events.append(.sendHandshake(flight))
        events.append(.changeWriteKeys(.tls13(parameters: progress.parameters, trafficSecret: applicationSecrets.client)))

        var traffic = ClientTrafficState(
            parameters: progress.parameters, keySchedule: progress.keySchedule,
            clientApplicationSecret: applicationSecrets.client, serverApplicationSecret: applicationSecrets.server,
            resumptionMasterSecret: progress.keySchedule.resumptionMasterSecret(transcriptHash: progress.transcript.currentHash()))
        var summary = HandshakeSummary(
            version: .tls13, cipherSuite: progress.parameters.suite, group: progress.group,
            signatureScheme: progress.signatureScheme, applicationProtocol: progress.applicationProtocol,
            helloRetryRequested: progress.helloRetryRequested, serverName: serverName,
            peerCertificates: progress.peerCertificates, verification: progress.verification,
            role: .client, localSignatureScheme: progress.localSignatureScheme)
        traffic.ticketContext = resumptionOutcome(progress, summary: &summary)
        state = .connected(traffic)
        events.append(.completed(summary))
        return events
    }

    /// RFC 8446, Sections 4.4.2 and 4.4.3: our Certificate and CertificateVerify, signed with a
    /// scheme from the server's CertificateRequest that our key supports; an empty Certificate
    /// when we have no identity or no such scheme (the server decides whether to go on).
    private func appendClientCertificate(
        context: [UInt8], to flight: inout ByteBuffer, progress: inout ClientHandshakeProgress
    ) throws {
        let identity = configuration.clientIdentity
        let scheme = identity?.privateKey.supportedSchemes.first(where: progress.certificateRequestSchemes.contains)
        guard let identity, let scheme else {
            let empty = HandshakeMessage.certificate(CertificateMessage(certificateRequestContext: context, entries: [])).encoded
            progress.transcript.append(empty)
            flight.writeImmutableBuffer(empty)
            return
        }
        let certificate = HandshakeMessage.certificate(CertificateMessage(
            certificateRequestContext: context,
            entries: identity.chain.map { CertificateEntry(certificateData: $0) })).encoded
        progress.transcript.append(certificate)
        flight.writeImmutableBuffer(certificate)
        let content = TLSSignatureVerification.certificateVerifyContent(
            transcriptHash: progress.transcript.currentHash(), isServer: false)
        let signature = try identity.privateKey.sign(scheme: scheme, content: content)
        let verify = HandshakeMessage.certificateVerify(CertificateVerify(algorithm: scheme, signature: signature)).encoded
        progress.transcript.append(verify)
        flight.writeImmutableBuffer(verify)
        progress.localSignatureScheme = scheme
    }

    /// RFC 8446, Section 4.6: NewSessionTicket (kept for resumption later) and KeyUpdate.
    mutating func handlePostHandshake(_ message: HandshakeMessage, traffic: ClientTrafficState) throws -> [HandshakeEvent] {
        var traffic = traffic
        switch message {
        case .newSessionTicket(let ticket):
            try storeTicket(ticket, traffic: &traffic)
            state = .connected(traffic)
            return []
        case .keyUpdate(let update):
            // Section 4.6.3: new read keys now; answer update_requested with our own KeyUpdate.
            traffic.serverApplicationSecret = traffic.keySchedule.nextTrafficSecret(traffic.serverApplicationSecret)
            var events: [HandshakeEvent] = [
                .changeReadKeys(.tls13(parameters: traffic.parameters, trafficSecret: traffic.serverApplicationSecret))
            ]
            if update.requestUpdate == .updateRequested {
                var encoded = ByteBuffer()
                HandshakeMessage.keyUpdate(KeyUpdate(requestUpdate: .updateNotRequested)).encode(into: &encoded)
                events.append(.sendHandshake(encoded))
                traffic.clientApplicationSecret = traffic.keySchedule.nextTrafficSecret(traffic.clientApplicationSecret)
                events.append(.changeWriteKeys(.tls13(parameters: traffic.parameters, trafficSecret: traffic.clientApplicationSecret)))
            }
            state = .connected(traffic)
            return events
        default:
            throw PeerMisbehaved.unexpectedMessage("\(message.type) after the handshake")
        }
    }

    /// RFC 8446, Section 4.6.3: our own KeyUpdate; new write keys right after it.
    mutating func updateKeys(requestPeerUpdate: Bool) throws -> [HandshakeEvent] {
        guard case .connected(var traffic) = state else {
            throw TLSError(code: .invalidState, reason: "keys can be updated only after the handshake has completed")
        }
        let request: KeyUpdateRequest = requestPeerUpdate ? .updateRequested : .updateNotRequested
        traffic.clientApplicationSecret = traffic.keySchedule.nextTrafficSecret(traffic.clientApplicationSecret)
        state = .connected(traffic)
        return [
            .sendHandshake(HandshakeMessage.keyUpdate(KeyUpdate(requestUpdate: request)).encoded),
            .changeWriteKeys(.tls13(parameters: traffic.parameters, trafficSecret: traffic.clientApplicationSecret)),
        ]
    }

    /// Whether the first ClientHello carried an extension of this type.
    private func offered(_ type: ExtensionType) -> Bool {
        switch type {
        case .serverName:
            configuration.sendServerName && serverName.map { !IPAddressLiteral.isLiteral($0) } == true
        case .applicationLayerProtocolNegotiation:
            !configuration.applicationProtocols.isEmpty
        default:
            false
        }
    }
}
