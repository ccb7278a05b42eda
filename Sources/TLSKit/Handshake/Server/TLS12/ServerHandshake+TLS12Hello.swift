import Crypto
import Foundation
import NIOCore

/// The server's answer to a TLS 1.2 ClientHello: the start of the TLS 1.2 family of server
/// states (RFC 5246, Sections 7.3 and 7.4; RFC 5077, Section 3.1; RFC 5746; RFC 7627;
/// RFC 8422; RFC 8446, Section 4.1.3).
extension ServerHandshake {
    /// Answers a ClientHello that `negotiateVersion` settled on TLS 1.2: the abbreviated
    /// handshake when it names a resumable session (by ticket or session ID), else the full one.
    func respondTLS12(to hello: ClientHello, raw: ByteBuffer) throws -> (TLS12ServerState, [HandshakeEvent]) {
        let offer = try Self.checkTLS12ClientHello(hello, configuration: configuration)
        let applicationProtocol = try Self.selectApplicationProtocol(
            configuration: configuration, offered: offer.applicationProtocols)
        let now = configuration.now()
        // Random: 24 fresh bytes and the sentinel when TLS 1.3 is enabled here, else 32 fresh.
        let serverRandom =
            configuration.settings.offeredVersions.contains(.tls13)
            ? RandomBytes.generate(count: 24) + DowngradeSentinel.tls12.bytes : RandomBytes.generate(count: 32)
        let issuesTicket =
            offer.sessionTicket != nil && configuration.ticketCount > 0 && configuration.sessionStore == nil
            && configuration.ticketLifetime > 0 && configuration.ticketKeys.currentKey(now: now) != nil
        if let resumable = try findTLS12Session(hello, offer: offer, now: now) {
            return resumeTLS12(
                hello, raw: raw, offer: offer, resumable: resumable, serverRandom: serverRandom,
                applicationProtocol: applicationProtocol, issuesTicket: issuesTicket)
        }
        return try fullTLS12Handshake(
            hello, raw: raw, offer: offer, serverRandom: serverRandom, applicationProtocol: applicationProtocol,
            issuesTicket: issuesTicket)
    }

    /// The checks every TLS 1.2 ClientHello must pass, and what it offers.
    ///
    /// - Compression (RFC 5246, Section 7.4.1.2): the list must include null, which is the
    ///   only method used; a list without it (deflate only) is an illegal_parameter.
    /// - Secure renegotiation (RFC 5746, Section 3.6): TLS_EMPTY_RENEGOTIATION_INFO_SCSV or an
    ///   empty renegotiation_info marks a client that knows RFC 5746; a non-empty one in an
    ///   initial handshake is a handshake_failure. A client that sends neither still
    ///   connects: this server never renegotiates, so the attack RFC 5746 prevents cannot
    ///   happen here; it just gets no renegotiation_info back.
    /// - Extended master secret (RFC 7627, Section 5.2): a client without it is refused with
    ///   handshake_failure while `requireExtendedMasterSecret` is set.
    /// - ec_point_formats (RFC 8422, Section 5.1.2): when sent, it must include uncompressed (0).
    static func checkTLS12ClientHello(_ hello: ClientHello, configuration: TLSServerConfiguration) throws -> TLS12ClientOffer {
        guard hello.legacyCompressionMethods.contains(0) else {
            throw PeerMisbehaved.illegalParameter(
                "the ClientHello offers compression methods \(hello.legacyCompressionMethods) without null (0); "
                    + "RFC 5246, Section 7.4.1.2 requires null in every ClientHello and TLSKit never compresses (CRIME)")
        }
        var offer = TLS12ClientOffer(
            cipherSuites: hello.cipherSuites, groups: TLS12ECDHEKeyExchange.groups, signatureSchemes: nil,
            sentPointFormats: false, serverName: nil, applicationProtocols: nil, extendedMasterSecret: false,
            secureRenegotiation: hello.cipherSuites.contains(.tlsEmptyRenegotiationInfoSCSV), sessionTicket: nil)
        for item in hello.extensions {
            switch item {
            case .supportedGroups(let groups):
                offer.groups = groups
            case .signatureAlgorithms(let schemes):
                offer.signatureSchemes = schemes
            case .ecPointFormats(let formats):
                guard formats.contains(0) else {
                    throw PeerMisbehaved.illegalParameter(
                        "ec_point_formats \(formats) lacks uncompressed (0), which RFC 8422, Section 5.1.2 requires")
                }
                offer.sentPointFormats = true
            case .serverName(let list):
                offer.serverName = list.names.first
            case .applicationLayerProtocolNegotiation(let protocols):
                offer.applicationProtocols = protocols
            case .extendedMasterSecret:
                offer.extendedMasterSecret = true
            case .renegotiationInfo(let renegotiatedConnection):
                guard renegotiatedConnection.isEmpty else {
                    throw TLSError(
                        code: .peerMisbehaved,
                        reason: "the initial ClientHello carries a non-empty renegotiation_info (RFC 5746, Section 3.6); "
                            + "it must be empty when no connection is being renegotiated",
                        alert: .handshakeFailure)
                }
                offer.secureRenegotiation = true
            case .sessionTicket(let ticket):
                offer.sessionTicket = ticket
            default:
                // TLS 1.3 extensions (key_share, supported_versions, ...) and unknown ones are ignored.
                break
            }
        }
        if !offer.extendedMasterSecret && configuration.requireExtendedMasterSecret {
            throw TLSError(
                code: .peerIncompatible,
                reason: "the client does not offer the extended master secret (RFC 7627), which this server requires "
                    + "for TLS 1.2; set requireExtendedMasterSecret = false to accept such clients (their sessions are "
                    + "open to the triple-handshake attack)",
                alert: .handshakeFailure)
        }
        return offer
    }

    /// The ServerHello extensions both kinds of handshake share; only what the client offered.
    /// `acknowledgesServerName`: the name sent chose the certificate, which an empty
    /// server_name says (RFC 6066, Section 3; never when resuming).
    private static func tls12ServerHelloExtensions(
        offer: TLS12ClientOffer, parameters: CipherSuiteParameters, extendedMasterSecret: Bool, issuesTicket: Bool,
        applicationProtocol: String?, acknowledgesServerName: Bool
    ) -> [TLSExtension] {
        var extensions: [TLSExtension] = []
        if acknowledgesServerName { extensions.append(.serverName(ServerNameList(names: []))) }
        if offer.secureRenegotiation { extensions.append(.renegotiationInfo([])) }
        if extendedMasterSecret { extensions.append(.extendedMasterSecret) }
        if parameters.keyExchange == .ecdhe && offer.sentPointFormats { extensions.append(.ecPointFormats([0])) }
        if issuesTicket { extensions.append(.sessionTicket([])) }
        if let applicationProtocol { extensions.append(.applicationLayerProtocolNegotiation([applicationProtocol])) }
        return extensions
    }

    /// RFC 5246, Section 7.3, full handshake: ServerHello, Certificate, ServerKeyExchange
    /// (ECDHE), CertificateRequest (mutual TLS) and ServerHelloDone in one flight.
    private func fullTLS12Handshake(
        _ hello: ClientHello, raw: ByteBuffer, offer: TLS12ClientOffer, serverRandom: [UInt8],
        applicationProtocol: String?, issuesTicket: Bool
    ) throws -> (TLS12ServerState, [HandshakeEvent]) {
        let selection = try Self.selectTLS12CipherSuite(configuration: configuration, offer: offer)
        let parameters = selection.parameters
        let sessionID = configuration.sessionCache != nil ? RandomBytes.generate(count: 32) : []
        let serverHello = ServerHello(
            random: serverRandom, legacySessionIDEcho: sessionID, cipherSuite: parameters.suite,
            extensions: Self.tls12ServerHelloExtensions(
                offer: offer, parameters: parameters, extendedMasterSecret: offer.extendedMasterSecret,
                issuesTicket: issuesTicket, applicationProtocol: applicationProtocol,
                acknowledgesServerName: offer.serverName != nil && selection.matchedServerName))

        let requestsCertificate = configuration.clientAuthentication.requestsCertificate
        // RFC 5246, Section 7.4.8: the client's CertificateVerify signs the messages themselves.
        var transcript = TLS12Transcript(clientHello: raw, hash: parameters.hash, keepMessages: requestsCertificate)
        var flight = HandshakeMessage.flightBuffer(certificates: selection.identity.chain)
        transcript.append(.serverHello(serverHello), to: &flight)
        transcript.append(.tls12Certificate(TLS12CertificateMessage(certificateList: selection.identity.chain)), to: &flight)
        let keyExchange: TLS12ServerKeyExchangeSecret
        if let group = selection.group, let scheme = selection.scheme {
            let keyPair = try TLS12ECDHEKeyExchange.generateKeyPair(group: group)
            let serverKeyExchange = try TLS12ECDHEKeyExchange.makeServerKeyExchange(
                group: group, keyPair: keyPair, clientRandom: hello.random, serverRandom: serverRandom,
                signingKey: selection.identity.privateKey, peerSchemes: offer.signatureSchemes,
                allowedSchemes: [scheme])
            transcript.append(.serverKeyExchange(serverKeyExchange), to: &flight)
            keyExchange = .ecdhe(keyPair)
        } else {
            keyExchange = .rsa(selection.identity.privateKey)
        }
        if requestsCertificate {
            transcript.append(
                .tls12CertificateRequest(TLS12CertificateRequest(
                    certificateTypes: [TLS12CertificateRequest.rsaSign, TLS12CertificateRequest.ecdsaSign],
                    supportedSignatureAlgorithms: Self.tls12ClientCertificateSchemes(configuration: configuration))),
                to: &flight)
        }
        transcript.append(.serverHelloDone, to: &flight)

        let negotiation = TLS12ServerNegotiation(
            parameters: parameters, clientVersion: hello.legacyVersion, clientRandom: hello.random,
            serverRandom: serverRandom, sessionID: sessionID, extendedMasterSecret: offer.extendedMasterSecret,
            group: selection.group, applicationProtocol: applicationProtocol, serverName: offer.serverName,
            localSignatureScheme: selection.scheme, issuesTicket: issuesTicket)
        let next: TLS12ServerState
        if requestsCertificate {
            next = .expectCertificate(TLS12ServerState.ExpectCertificate(
                negotiation: negotiation, keyExchange: keyExchange, transcript: transcript))
        } else {
            next = .expectClientKeyExchange(TLS12ServerState.ExpectClientKeyExchange(
                negotiation: negotiation, keyExchange: keyExchange, transcript: transcript,
                clientChain: nil, verification: nil))
        }
        return (next, [.sendHandshake(flight)])
    }

    /// The schemes a client's CertificateVerify may use in TLS 1.2: the configured ones that
    /// some key can produce in TLS 1.2 (RFC 5246, Section 7.4.4).
    static func tls12ClientCertificateSchemes(configuration: TLSServerConfiguration) -> [SignatureScheme] {
        let usable = Set(SignatureScheme.tls12HandshakeSchemes)
        let schemes = configuration.signatureSchemes.filter(usable.contains)
        return schemes.isEmpty ? SignatureScheme.tls12HandshakeSchemes : schemes
    }

    /// RFC 5246, Section 7.3, abbreviated handshake: ServerHello echoing the client's session
    /// ID, [NewSessionTicket], ChangeCipherSpec and Finished; the client's ChangeCipherSpec and
    /// Finished follow.
    private func resumeTLS12(
        _ hello: ClientHello, raw: ByteBuffer, offer: TLS12ClientOffer, resumable: TLS12ResumableSession,
        serverRandom: [UInt8], applicationProtocol: String?, issuesTicket: Bool
    ) -> (TLS12ServerState, [HandshakeEvent]) {
        let parameters = resumable.parameters
        let session = resumable.session
        let serverHello = ServerHello(
            random: serverRandom, legacySessionIDEcho: hello.legacySessionID, cipherSuite: parameters.suite,
            extensions: Self.tls12ServerHelloExtensions(
                offer: offer, parameters: parameters, extendedMasterSecret: resumable.extendedMasterSecret,
                issuesTicket: issuesTicket, applicationProtocol: applicationProtocol, acknowledgesServerName: false))
        let keys = TLS12SessionKeys(
            parameters: parameters, masterSecret: resumable.masterSecret,
            extendedMasterSecret: resumable.extendedMasterSecret, clientRandom: hello.random, serverRandom: serverRandom)
        let negotiation = TLS12ServerNegotiation(
            parameters: parameters, clientVersion: hello.legacyVersion, clientRandom: hello.random,
            serverRandom: serverRandom, sessionID: hello.legacySessionID,
            extendedMasterSecret: resumable.extendedMasterSecret, group: nil, applicationProtocol: applicationProtocol,
            serverName: offer.serverName, localSignatureScheme: nil, issuesTicket: issuesTicket)

        var transcript = TLS12Transcript(clientHello: raw, hash: parameters.hash, keepMessages: false)
        var flight = HandshakeMessage.flightBuffer()
        transcript.append(.serverHello(serverHello), to: &flight)
        if issuesTicket {
            let ticket = Self.makeTLS12Ticket(
                keys: keys, negotiation: negotiation, peerCertificates: session.peerCertificates,
                configuration: configuration)
            transcript.append(.tls12NewSessionTicket(ticket), to: &flight)
        }
        var events: [HandshakeEvent] = [.sendHandshake(flight), keys.logEvent, .sendChangeCipherSpec]
        events.append(.changeWriteKeys(keys.recordProtection(writer: .server)))
        let finished = keys.finished(sender: .server, handshakeHash: transcript.currentHash)
        var finishedFlight = ByteBuffer()
        transcript.append(.finished(finished), to: &finishedFlight)
        events.append(.sendHandshake(finishedFlight))
        let next = TLS12ServerState.ExpectChangeCipherSpec(
            negotiation: negotiation, keys: keys, transcript: transcript,
            client: .resumed(certificates: session.peerCertificates), resumed: true)
        return (.expectChangeCipherSpec(next), events)
    }
}
