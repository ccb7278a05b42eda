import Crypto
import NIOCore

/// The server's hello phase (RFC 8446, Section 4.1): the ClientHello or the two of a
/// HelloRetryRequest, up to the version's own flight.
extension ServerHandshake {
    /// RFC 8446, Sections 4.1.1 and 4.1.2: the first ClientHello. Picks the version
    /// (`negotiateVersion`); TLS 1.2 goes on in `respondTLS12`, TLS 1.3 answers with a
    /// HelloRetryRequest or with the whole server flight.
    func handleClientHello(_ hello: ClientHello, raw: ByteBuffer) throws -> (State, [HandshakeEvent]) {
        if try Self.negotiateVersion(hello, configuration: configuration) == .tls12 {
            let (next, events) = try respondTLS12(to: hello, raw: raw)
            return (.tls12(next), events)
        }
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
            let (next, events) = try respondTLS13(
                to: hello, raw: raw, offer: offer, parameters: parameters, share: share, prefix: prefix,
                transcript: transcript, helloRetryRequested: false)
            return (.tls13(next), events)
        case .retry(let group):
            // Everything the second ClientHello needs goes into the cookie (Section 4.2.2).
            let cookie = HelloRetryCookie(
                cipherSuite: parameters.suite, group: group, clientHelloHash: transcript.currentHash(),
                consistencyDigest: HelloRetryCookie.consistencyDigest(of: hello))
            let retryRequest = Self.helloRetryRequest(
                sessionID: hello.legacySessionID, suite: parameters.suite, group: group,
                cookie: cookie.sealed(key: configuration.cookieKey))
            var events: [HandshakeEvent] = [.sendHandshake(HandshakeMessage.serverHello(retryRequest).encoded)]
            // Section D.4: the compatibility change_cipher_spec follows the first server message.
            events.append(.sendChangeCipherSpec)
            if hello.extensions.first(.earlyData) != nil {
                // Section 4.2.10: after a HelloRetryRequest early data is always rejected.
                events.append(.skipRejectedEarlyData(limit: earlyDataSkipLimit(session: nil)))
            }
            return (.expectSecondClientHello, events)
        }
    }

    /// RFC 8446, Section 4.1.2: the ClientHello after a HelloRetryRequest must carry our
    /// cookie, one share for the requested group, and otherwise be the first ClientHello.
    /// A second HelloRetryRequest is never sent.
    func handleSecondClientHello(_ hello: ClientHello, raw: ByteBuffer) throws -> (State, [HandshakeEvent]) {
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
        let (next, events) = try respondTLS13(
            to: hello, raw: raw, offer: offer, parameters: parameters, share: share, prefix: prefix,
            transcript: transcript, helloRetryRequested: true)
        return (.tls13(next), events)
    }

    /// The version to speak (RFC 8446, Section 4.2.1; RFC 5246, Appendix E.1): with
    /// supported_versions, TLS 1.3 when the client offers it and it is enabled here, else TLS
    /// 1.2 likewise; without it, the client's legacy_version, which must be TLS 1.2 (0x0303)
    /// or higher (a higher one is read as TLS 1.2). Anything else, SSL 3.0, TLS 1.0 and TLS
    /// 1.1 included, is a protocol_version error naming what the client offers.
    ///
    /// RFC 7507: a ClientHello carrying TLS_FALLBACK_SCSV whose best version is below the best
    /// this server speaks is a retry after a failed handshake, which an attacker may have
    /// caused; it gets inappropriate_fallback.
    static func negotiateVersion(_ hello: ClientHello, configuration: TLSServerConfiguration) throws -> ProtocolVersion {
        let enabled = configuration.settings.offeredVersions
        let clientVersions: [ProtocolVersion]
        if case .supportedVersionsClient(let versions)? = hello.extensions.first(.supportedVersions) {
            // GREASE and unknown values are ignored (RFC 8701).
            clientVersions = versions.filter { [.ssl30, .tls10, .tls11, .tls12, .tls13].contains($0) }
        } else if hello.legacyVersion.rawValue >= ProtocolVersion.tls12.rawValue {
            clientVersions = [.tls12]
        } else {
            clientVersions = [hello.legacyVersion]
        }
        let chosen = [ProtocolVersion.tls13, .tls12].first { enabled.contains($0) && clientVersions.contains($0) }
        guard let chosen else {
            let offered = clientVersions.isEmpty ? "no version TLSKit knows" : "only \(clientVersions.map(\.description).joined(separator: ", "))"
            throw PeerIncompatible.noSharedVersion(
                "the client offers \(offered); this server speaks \(enabled.map(\.description).joined(separator: " and ")) "
                    + "(TLSKit speaks TLS 1.2 and 1.3, never SSL 3.0, TLS 1.0 or TLS 1.1)")
        }
        if hello.cipherSuites.contains(.tlsFallbackSCSV),
            let best = enabled.max(by: { $0.rawValue < $1.rawValue }), chosen.rawValue < best.rawValue
        {
            throw TLSError(
                code: .peerMisbehaved,
                reason: "the client retried with \(chosen) and TLS_FALLBACK_SCSV although this server speaks \(best) "
                    + "(RFC 7507); an attacker may have broken its first attempt, so the downgrade is refused",
                alert: .inappropriateFallback)
        }
        return chosen
    }

    /// Compression and the extensions a certificate-based TLS 1.3 handshake needs (RFC 8446,
    /// Sections 4.1.2, 4.2.1, 9.2), once `negotiateVersion` has chosen TLS 1.3 (checked again:
    /// the ClientHello after a HelloRetryRequest must offer it too).
    static func checkClientHello(_ hello: ClientHello, configuration: TLSServerConfiguration) throws -> ClientOffer {
        guard try negotiateVersion(hello, configuration: configuration) == .tls13 else {
            throw PeerMisbehaved.illegalParameter("the ClientHello after a HelloRetryRequest no longer offers TLS 1.3")
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
                // `respondTLS13`; unknown extensions are ignored (Section 4.2).
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
}
