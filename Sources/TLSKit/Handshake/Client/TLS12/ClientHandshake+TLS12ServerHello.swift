import NIOCore

/// The ServerHello of a TLS 1.2 handshake (RFC 5246, Section 7.4.1.3): the start of the
/// TLS 1.2 family of client states, a full handshake or the abbreviated one that resumes the
/// offered session (Section 7.3, Figure 2).
extension ClientHandshake {
    /// Checks the suite, compression and extensions, then goes on with the server's
    /// Certificate, or, when the server echoes the session ID of the session we offered, with
    /// its ChangeCipherSpec.
    func acceptTLS12ServerHello(
        _ serverHello: ServerHello, raw: ByteBuffer, hello: ClientHelloState
    ) throws -> (TLS12ClientState, [HandshakeEvent]) {
        let clientHello = hello.clientHello
        guard clientHello.cipherSuites.contains(serverHello.cipherSuite),
            let parameters = CipherSuiteParameters.tls12(serverHello.cipherSuite)
        else {
            throw PeerMisbehaved.illegalParameter(
                "the server selected cipher suite \(serverHello.cipherSuite) for TLSv1.2, which the client did not offer")
        }
        guard serverHello.legacyCompressionMethod == 0 else {
            throw PeerMisbehaved.illegalParameter(
                "the server selected compression method \(serverHello.legacyCompressionMethod); only null (0) was offered")
        }
        let extensions = try TLS12ServerHelloExtensions(
            serverHello.extensions, clientHello: clientHello, applicationProtocols: configuration.applicationProtocols,
            requireExtendedMasterSecret: configuration.settings.requireExtendedMasterSecret)

        let echo = serverHello.legacySessionIDEcho
        let resumed = hello.tls12Resumption.flatMap { offer in !echo.isEmpty && echo == offer.sentSessionID ? offer : nil }
        if resumed == nil, !echo.isEmpty, echo == clientHello.legacySessionID {
            throw PeerMisbehaved.illegalParameter(
                "the server echoed the session ID of the ClientHello, but the client offered no TLS 1.2 session to resume")
        }
        // The messages themselves are kept only for a CertificateVerify we may sign.
        var transcript = TLS12Transcript(
            clientHello: HandshakeMessage.clientHello(clientHello).encoded, hash: parameters.hash,
            keepMessages: resumed == nil && configuration.clientIdentity != nil)
        transcript.append(raw)

        guard let offer = resumed else {
            let negotiation = TLS12ClientNegotiation(
                parameters: parameters, clientRandom: clientHello.random, serverRandom: serverHello.random,
                extendedMasterSecret: extensions.extendedMasterSecret, sessionID: echo,
                ticketExpected: extensions.sessionTicket, applicationProtocol: extensions.applicationProtocol,
                clientVersion: clientHello.legacyVersion, offeredSchemes: configuration.signatureSchemes,
                offeredGroups: Self.offeredGroups(clientHello))
            return (.expectCertificate(TLS12ClientState.ExpectCertificate(negotiation: negotiation, transcript: transcript)), [])
        }
        return try resumeTLS12Session(
            offer, serverHello: serverHello, parameters: parameters, extensions: extensions, transcript: transcript,
            clientHello: clientHello)
    }

    /// RFC 5246, Section 7.3, Figure 2: the server resumes the session, with the session's
    /// suite (Section 7.4.1.3) and its extended master secret status (RFC 7627, Section 5.3).
    /// The keys come from the session's master secret and the new randoms.
    private func resumeTLS12Session(
        _ offer: TLS12ClientResumptionOffer, serverHello: ServerHello, parameters: CipherSuiteParameters,
        extensions: TLS12ServerHelloExtensions, transcript: TLS12Transcript, clientHello: ClientHello
    ) throws -> (TLS12ClientState, [HandshakeEvent]) {
        guard serverHello.cipherSuite == offer.session.cipherSuite else {
            throw PeerMisbehaved.illegalParameter(
                "the server resumed the session with \(serverHello.cipherSuite), but the session was established with \(offer.session.cipherSuite)")
        }
        guard extensions.extendedMasterSecret == offer.extendedMasterSecret else {
            throw TLSError(
                code: .peerMisbehaved,
                reason: offer.extendedMasterSecret
                    ? "the server resumed a session that used the extended master secret without extended_master_secret (RFC 7627, Section 5.3)"
                    : "the server resumed a session without the extended master secret but sent extended_master_secret (RFC 7627, Section 5.3)",
                alert: .handshakeFailure)
        }
        let keys = TLS12SessionKeys(
            parameters: parameters, masterSecret: offer.masterSecret, extendedMasterSecret: offer.extendedMasterSecret,
            clientRandom: clientHello.random, serverRandom: serverHello.random)
        let negotiation = TLS12ClientNegotiation(
            parameters: parameters, clientRandom: clientHello.random, serverRandom: serverHello.random,
            extendedMasterSecret: offer.extendedMasterSecret, sessionID: offer.sessionID,
            ticketExpected: extensions.sessionTicket, applicationProtocol: extensions.applicationProtocol,
            clientVersion: clientHello.legacyVersion, offeredSchemes: configuration.signatureSchemes,
            offeredGroups: Self.offeredGroups(clientHello))
        let next = TLS12ClientState.ExpectChangeCipherSpec(
            negotiation: negotiation, transcript: transcript, keys: keys,
            handshake: .abbreviated(offer.session), ticket: nil)
        return (.expectChangeCipherSpec(next), [keys.logEvent])
    }

    /// The ClientHello's supported_groups.
    private static func offeredGroups(_ clientHello: ClientHello) -> [NamedGroup] {
        guard case .supportedGroups(let groups)? = clientHello.extensions.first(.supportedGroups) else { return [] }
        return groups
    }
}
