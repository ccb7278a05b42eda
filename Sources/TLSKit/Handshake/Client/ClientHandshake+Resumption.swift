import Crypto
import Foundation
import NIOCore

/// Offering PSK resumption and 0-RTT in the ClientHello (RFC 8446, Sections 2.2, 2.3, 4.2.9
/// to 4.2.11); what the server answers is handled by the TLS 1.3 states.
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
        guard case .tls13(let psk, let ticketAgeAdd, _) = session.secret,
            now < session.expiresAt, session.lifetime <= 604_800,
            let parameters = CipherSuiteParameters.tls13(session.cipherSuite),
            psk.bitCount == parameters.hash.digestLength * 8,
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
            session: session, parameters: parameters, keySchedule: TLS13KeySchedule(hash: parameters.hash, psk: psk),
            ticketAgeAdd: ticketAgeAdd, earlyDataOffered: earlyData)
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
        // Section 4.2.11.1: the age in milliseconds plus ticket_age_add, modulo 2^32.
        let identity = PSKIdentity(
            identity: offer.session.ticket, obfuscatedTicketAge: offer.session.ticketAge(now: now) &+ offer.ticketAgeAdd)
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

    /// How many more bytes of early data may be written now: while the first ClientHello
    /// with early_data waits for its answer; 0 otherwise.
    var earlyDataLimit: Int {
        guard case .hello(let hello) = state, hello.retry == nil,
            let offer = hello.resumption, offer.earlyDataOffered
        else { return 0 }
        return Int(offer.session.secret.maxEarlyDataSize)
    }
}
