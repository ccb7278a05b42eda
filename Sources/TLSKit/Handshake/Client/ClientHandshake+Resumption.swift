import Crypto
import Foundation
import NIOCore

/// PSK resumption and 0-RTT on the client (RFC 8446, Sections 2.2, 2.3, 4.2.9 to 4.2.11, 4.6.1).
extension ClientHandshake {
    /// Tickets a connection files at most (a server could send many).
    static let maximumTicketsStored: UInt64 = 16

    /// The key sessions of this connection are filed under.
    static func sessionKey(configuration: TLSClientConfiguration, serverName: String?) -> ClientSessionKey {
        ClientSessionKey(serverName: serverName, applicationProtocols: configuration.applicationProtocols)
    }

    /// The session to offer: `explicit` when given (and issued for this server name),
    /// otherwise one taken from the cache. nil when resumption is off or nothing is usable.
    static func sessionToOffer(
        configuration: TLSClientConfiguration, serverName: String?, explicit: ClientSession?, now: Date
    ) -> ClientSession? {
        guard !configuration.resumptionKeyExchangeModes.isEmpty else { return nil }
        if let explicit {
            return explicit.serverName == serverName ? explicit : nil
        }
        return configuration.sessionCache?.take(
            for: sessionKey(configuration: configuration, serverName: serverName), now: now)
    }

    /// Adds early_data (when allowed) and pre_shared_key, with its binder, to the first
    /// ClientHello. nil, leaving the hello unchanged, when the session cannot be offered.
    static func offer(
        _ session: ClientSession, in hello: inout ClientHello, configuration: TLSClientConfiguration, now: Date
    ) -> ClientResumptionOffer? {
        guard session.version == .tls13, now < session.expiresAt, session.lifetime <= 604_800,
            let parameters = CipherSuiteParameters.tls13(session.cipherSuite),
            session.resumptionPSK.bitCount == parameters.hash.digestLength * 8,
            // Section 4.2.11: the server can select the PSK only with a suite of its hash.
            hello.cipherSuites.contains(where: { CipherSuiteParameters.tls13($0)?.hash == parameters.hash }),
            hello.extensions.first(.pskKeyExchangeModes) != nil
        else { return nil }
        let earlyData =
            configuration.enableEarlyData && session.allowsEarlyData && hello.cipherSuites.contains(session.cipherSuite)
        if earlyData {
            hello.extensions.append(.earlyData(maxEarlyDataSize: nil))
        }
        var offer = ClientResumptionOffer(
            session: session, parameters: parameters,
            keySchedule: TLS13KeySchedule(hash: parameters.hash, psk: session.resumptionPSK),
            earlyDataOffered: earlyData)
        attachPSK(to: &hello, offer: &offer, transcriptPrefix: nil, now: now)
        return offer
    }

    /// Appends pre_shared_key with the session's identity and computes its binder over the
    /// transcript so far (`transcriptPrefix`: nil for the first ClientHello, else
    /// message_hash and HelloRetryRequest) and the truncated ClientHello (Section 4.2.11.2).
    static func attachPSK(
        to hello: inout ClientHello, offer: inout ClientResumptionOffer, transcriptPrefix: TranscriptHash?, now: Date
    ) {
        let hash = offer.parameters.hash
        let identity = PSKIdentity(
            identity: offer.session.ticket, obfuscatedTicketAge: offer.session.obfuscatedTicketAge(now: now))
        hello.extensions.append(.preSharedKeyClient(OfferedPSKs(
            identities: [identity], binders: [[UInt8](repeating: 0, count: hash.digestLength)])))
        var transcript = transcriptPrefix ?? TranscriptHash()
        transcript.choose(hash)
        var truncated = ByteBuffer()
        hello.encodeTruncatedForBinders(into: &truncated)
        transcript.append(truncated)
        let binder = offer.keySchedule.finishedVerifyData(
            trafficSecret: offer.keySchedule.binderKey(external: false), transcriptHash: transcript.currentHash())
        hello.replaceBinders([binder])
    }

    /// The events that follow the first ClientHello when it offers early data: the
    /// compatibility change_cipher_spec (sent right away, Section D.4) and the early keys.
    static func earlyDataEvents(offer: ClientResumptionOffer, encodedClientHello: ByteBuffer) -> [HandshakeEvent] {
        guard offer.earlyDataOffered else { return [] }
        let secret = offer.keySchedule.clientEarlyTrafficSecret(
            transcriptHash: offer.parameters.hash.hash(encodedClientHello))
        return [
            .logSecret(.clientEarlyTrafficSecret, secret), .sendChangeCipherSpec,
            .changeWriteKeys(.tls13(parameters: offer.parameters, trafficSecret: secret)),
        ]
    }

    /// Section 4.1.4: the ClientHello after a HelloRetryRequest offers no early data, and
    /// offers the PSK again only when the chosen suite has its hash (with a new binder over
    /// message_hash, HelloRetryRequest and the new ClientHello).
    static func reoffer(
        _ offer: ClientResumptionOffer?, in hello: inout ClientHello, transcript: TranscriptHash,
        hash: TLSHashAlgorithm, now: Date
    ) -> ClientResumptionOffer? {
        hello.extensions.removeAll { $0.type == .earlyData || $0.type == .preSharedKey }
        guard var offer, offer.parameters.hash == hash else { return nil }
        offer.earlyDataOffered = false
        attachPSK(to: &hello, offer: &offer, transcriptPrefix: transcript, now: now)
        return offer
    }

    /// Section 4.2.11: the server may select only the PSK we offered, with a suite of its hash.
    func selectedResumption(
        _ serverHello: ServerHello, hello: ClientHelloState, parameters: CipherSuiteParameters
    ) throws -> ClientResumptionOffer? {
        guard case .preSharedKeyServer(let index)? = serverHello.extensions.first(.preSharedKey) else { return nil }
        guard let offer = hello.resumption, hello.clientHello.offeredPSKs != nil else {
            throw PeerMisbehaved.unsupportedExtension(.preSharedKey, in: .serverHello)
        }
        guard index == 0 else {
            throw PeerMisbehaved.illegalParameter("the server selected PSK identity \(index), but only one was offered")
        }
        guard offer.parameters.hash == parameters.hash else {
            throw PeerMisbehaved.illegalParameter(
                "the server resumed with \(parameters.suite), whose hash differs from that of the session's \(offer.session.cipherSuite)")
        }
        return offer
    }

    /// The (EC)DHE shared secret and group; for a psk_ke resumption (no key_share, when we
    /// offered psk_ke) a zero secret and no group (Section 7.1).
    func keyExchange(
        _ serverHello: ServerHello, hello: ClientHelloState, resumption: ClientResumptionOffer?,
        parameters: CipherSuiteParameters
    ) throws -> (sharedSecret: [UInt8], group: NamedGroup?) {
        guard case .keyShareServer(let share)? = serverHello.extensions.first(.keyShare) else {
            guard resumption != nil, configuration.resumptionKeyExchangeModes.contains(.pskKE) else {
                throw PeerMisbehaved.missingExtension(.keyShare)
            }
            return ([UInt8](repeating: 0, count: parameters.hash.digestLength), nil)
        }
        if resumption != nil, !configuration.resumptionKeyExchangeModes.contains(.pskDHEKE) {
            throw PeerMisbehaved.illegalParameter("the server resumed with psk_dhe_ke, which the client did not offer")
        }
        guard let keyPair = hello.keyPairs.first(where: { $0.group == share.group }) else {
            throw PeerMisbehaved.illegalParameter("the server's key share is for \(share.group), for which the client sent no share")
        }
        return (try keyPair.sharedSecret(peerShare: share.keyExchange), share.group)
    }

    /// After EncryptedExtensions: settles whether early data was accepted (Section 4.2.10:
    /// only on the resumed session, with its suite and ALPN protocol) and picks the next
    /// state: a resumed handshake skips Certificate and CertificateVerify (Section 2.2).
    mutating func finishEncryptedExtensions(_ progress: ClientHandshakeProgress, earlyDataInExtensions: Bool) throws {
        var progress = progress
        if earlyDataInExtensions {
            guard progress.earlyDataOffered, let resumption = progress.resumption else {
                throw PeerMisbehaved.unsupportedExtension(.earlyData, in: .encryptedExtensions)
            }
            guard progress.parameters.suite == resumption.session.cipherSuite,
                progress.applicationProtocol == resumption.session.applicationProtocol
            else {
                throw PeerMisbehaved.illegalParameter(
                    "the server accepted early data with another cipher suite or ALPN protocol than the session's")
            }
            progress.earlyDataAccepted = true
        } else if progress.earlyDataOffered {
            progress.earlyDataAccepted = false
        }
        state = progress.resumption != nil ? .expectFinished(progress) : .expectCertificateOrCertificateRequest(progress)
    }

    /// Section 4.5: EndOfEarlyData, still under the early keys, when the server accepted early data.
    static func endOfEarlyData(progress: inout ClientHandshakeProgress) -> [HandshakeEvent] {
        guard progress.earlyDataAccepted == true else { return [] }
        let encoded = HandshakeMessage.endOfEarlyData.encoded
        progress.transcript.append(encoded)
        return [.sendHandshake(encoded)]
    }

    /// The summary of a completed handshake with what resumption changes, and the context
    /// later tickets are filed with.
    func resumptionOutcome(
        _ progress: ClientHandshakeProgress, summary: inout HandshakeSummary
    ) -> ClientTicketContext {
        summary.earlyDataAccepted = progress.earlyDataAccepted
        if let resumption = progress.resumption {
            summary.resumed = true
            summary.peerCertificates = resumption.session.peerCertificates
        }
        return ClientTicketContext(
            cacheKey: Self.sessionKey(configuration: configuration, serverName: serverName),
            serverName: serverName, applicationProtocol: progress.applicationProtocol,
            peerCertificates: summary.peerCertificates)
    }

    /// Section 4.6.1: files a ticket in the session cache.
    func storeTicket(_ ticket: NewSessionTicket, traffic: inout ClientTrafficState) throws {
        guard ticket.ticketLifetime <= 604_800 else {
            throw PeerMisbehaved.illegalParameter("ticket_lifetime \(ticket.ticketLifetime) is above 604800 seconds (7 days)")
        }
        var maxEarlyDataSize: UInt32 = 0
        for item in ticket.extensions {
            if case .earlyData(let size?) = item { maxEarlyDataSize = size }
        }
        guard ticket.ticketLifetime > 0, let cache = configuration.sessionCache, let context = traffic.ticketContext,
            traffic.ticketsStored < Self.maximumTicketsStored
        else { return }
        traffic.ticketsStored += 1
        let session = ClientSession(
            version: .tls13, cipherSuite: traffic.parameters.suite, serverName: context.serverName,
            applicationProtocol: context.applicationProtocol, ticket: ticket.ticket, ticketAgeAdd: ticket.ticketAgeAdd,
            receivedAt: configuration.now(), lifetime: ticket.ticketLifetime, maxEarlyDataSize: maxEarlyDataSize,
            peerCertificates: context.peerCertificates,
            resumptionPSK: TLS13KeySchedule.resumptionPSK(
                hash: traffic.parameters.hash, resumptionMasterSecret: traffic.resumptionMasterSecret,
                ticketNonce: ticket.ticketNonce))
        cache.store(session, for: context.cacheKey)
    }

    /// How many more bytes of early data may be written now: while the first ClientHello
    /// with early_data waits for its answer; 0 otherwise.
    var earlyDataLimit: Int {
        guard case .expectServerHello(let hello) = state, hello.retry == nil,
            let offer = hello.resumption, offer.earlyDataOffered
        else { return 0 }
        return Int(offer.session.maxEarlyDataSize)
    }
}
