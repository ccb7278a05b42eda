import Crypto
import NIOCore

/// The server's hello phase (RFC 8446, Section 4.1): the ClientHello or the two of a
/// HelloRetryRequest, up to the version's own flight.
extension ServerHandshake {
    /// RFC 8446, Sections 4.1.1 and 4.1.2: the first ClientHello. Answers with a
    /// HelloRetryRequest or with the whole server flight.
    func handleClientHello(_ hello: ClientHello, raw: ByteBuffer) throws -> (State, [HandshakeEvent]) {
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
            if !hello.legacySessionID.isEmpty {
                // Section D.4: the compatibility change_cipher_spec follows the first server message.
                events.append(.sendChangeCipherSpec)
            }
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

    /// Version, compression and the extensions a certificate-based TLS 1.3 handshake needs
    /// (RFC 8446, Sections 4.1.2, 4.2.1, 9.2). This is where the versions part: a ClientHello
    /// whose supported_versions lacks TLS 1.3 (or that has none, Section 4.2.1) is where a
    /// TLS 1.2 family of states would start; for now it is a protocol_version error.
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
