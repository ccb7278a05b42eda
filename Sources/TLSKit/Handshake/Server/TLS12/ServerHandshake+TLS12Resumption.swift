import Crypto
import Foundation
import NIOCore

/// TLS 1.2 resumption on the server: session tickets (RFC 5077) and the session-ID cache
/// (RFC 5246, Section 7.4.1.2), both holding a `ServerSessionState` with a TLS 1.2 secret.
extension ServerHandshake {
    /// The session the ClientHello resumes: its ticket when it opens (RFC 5077, Section 3.4),
    /// else its session ID when the cache holds it; nil for a full handshake.
    ///
    /// A session resumes only when it has not expired, its suite is one the client offers and
    /// this server still accepts, the SNI is the same, and a client certificate is there when
    /// one is required now. The extended master secret must match (RFC 7627, Section 5.3): a
    /// session with it and a ClientHello without it is a handshake_failure; a session without
    /// it and a ClientHello with it gets a full handshake.
    func findTLS12Session(_ hello: ClientHello, offer: TLS12ClientOffer, now: Date) throws -> TLS12ResumableSession? {
        var candidates: [ServerSessionState] = []
        // TLS 1.2 tickets are sealed sessions; with a session store none are issued.
        if let ticket = offer.sessionTicket, !ticket.isEmpty, configuration.sessionStore == nil,
            let session = openTicket(ticket, now: now)
        {
            candidates.append(session)
        }
        if let cache = configuration.sessionCache, let encoded = cache.session(id: hello.legacySessionID, now: now),
            let session = ServerSessionState.decode(encoded)
        {
            candidates.append(session)
        }
        for session in candidates {
            guard case .tls12(let masterSecret, let extendedMasterSecret, _) = session.secret,
                hello.cipherSuites.contains(session.cipherSuite), configuration.cipherSuites.contains(session.cipherSuite),
                let parameters = CipherSuiteParameters.tls12(session.cipherSuite),
                masterSecret.bitCount == TLS12PRF.masterSecretLength * 8,
                session.isResumable(
                    serverName: offer.serverName, now: now, allowedClockSkew: 60,
                    requiresClientCertificate: configuration.clientAuthentication.requiresCertificate)
            else { continue }
            if extendedMasterSecret && !offer.extendedMasterSecret {
                throw TLSError(
                    code: .peerMisbehaved,
                    reason: "the client resumes a session made with the extended master secret without offering it "
                        + "again (RFC 7627, Section 5.3)",
                    alert: .handshakeFailure)
            }
            if !extendedMasterSecret && offer.extendedMasterSecret { continue }
            return TLS12ResumableSession(
                session: session, parameters: parameters, masterSecret: masterSecret,
                extendedMasterSecret: extendedMasterSecret)
        }
        return nil
    }

    /// The session a handshake established, as the cache and tickets keep it.
    static func tls12SessionState(
        keys: TLS12SessionKeys, negotiation: TLS12ServerNegotiation, peerCertificates: [[UInt8]],
        configuration: TLSServerConfiguration
    ) -> ServerSessionState {
        ServerSessionState(
            cipherSuite: negotiation.parameters.suite, issuedAt: configuration.now(),
            lifetime: min(configuration.ticketLifetime, 604_800), applicationProtocol: negotiation.applicationProtocol,
            serverName: negotiation.serverName, peerCertificates: peerCertificates,
            secret: keys.sessionSecret(sessionID: negotiation.sessionID))
    }

    /// RFC 5077, Section 3.3: the NewSessionTicket: the session sealed with the current
    /// ticket key, exactly as TLS 1.3 seals it; an empty ticket when sealing fails (the
    /// ServerHello promised a NewSessionTicket, and an empty one says none is issued).
    static func makeTLS12Ticket(
        keys: TLS12SessionKeys, negotiation: TLS12ServerNegotiation, peerCertificates: [[UInt8]],
        configuration: TLSServerConfiguration
    ) -> TLS12NewSessionTicket {
        let session = tls12SessionState(
            keys: keys, negotiation: negotiation, peerCertificates: peerCertificates, configuration: configuration)
        guard let key = configuration.ticketKeys.currentKey(now: session.issuedAt),
            let sealed = SessionTicketSealer.seal(session.encoded(), key: key)
        else { return TLS12NewSessionTicket(ticketLifetimeHint: 0, ticket: []) }
        return TLS12NewSessionTicket(ticketLifetimeHint: session.lifetime, ticket: sealed)
    }

    /// Keeps a fully negotiated session in the cache under its session ID.
    static func cacheTLS12Session(
        keys: TLS12SessionKeys, negotiation: TLS12ServerNegotiation, peerCertificates: [[UInt8]],
        configuration: TLSServerConfiguration
    ) {
        guard let cache = configuration.sessionCache, !negotiation.sessionID.isEmpty, configuration.ticketLifetime > 0 else {
            return
        }
        let session = tls12SessionState(
            keys: keys, negotiation: negotiation, peerCertificates: peerCertificates, configuration: configuration)
        cache.store(id: negotiation.sessionID, session: session.encoded(), expiresAt: session.expiresAt)
    }
}
