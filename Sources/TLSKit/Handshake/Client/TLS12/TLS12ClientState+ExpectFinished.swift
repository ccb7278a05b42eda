import Foundation
import NIOCore

extension TLS12ClientState {
    /// The server's Finished comes next, under its new keys (RFC 5246, Section 7.4.9).
    struct ExpectFinished {
        let negotiation: TLS12ClientNegotiation
        var transcript: TLS12Transcript
        let keys: TLS12SessionKeys
        let handshake: TLS12ClientHandshakeKind
        let ticket: TLS12NewSessionTicket?

        /// Checks the server's Finished (constant time; decrypt_error on a mismatch). An
        /// abbreviated handshake then sends our ChangeCipherSpec and Finished (Section 7.3,
        /// Figure 2). The session is filed for resumption and the handshake completes.
        consuming func handle(
            _ message: Finished, raw: ByteBuffer, configuration: TLSClientConfiguration, serverName: String?
        ) throws -> (TLS12ClientState, [HandshakeEvent]) {
            try keys.checkFinished(message, sender: .server, handshakeHash: transcript.currentHash)
            transcript.append(raw)
            var events: [HandshakeEvent] = []
            if case .abbreviated = handshake {
                events.append(.sendChangeCipherSpec)
                events.append(.changeWriteKeys(keys.recordProtection(writer: .client)))
                let finished = HandshakeMessage.finished(keys.finished(sender: .client, handshakeHash: transcript.currentHash))
                events.append(.sendHandshake(finished.encoded))
            }
            if let filed = storeSession(configuration: configuration, serverName: serverName) {
                events.append(.sessionFiled(filed))
            }
            events.append(.completed(summary(serverName: serverName)))
            return (.connected(TLS12ClientTrafficState(keys: keys)), events)
        }

        /// What the handshake settled, and what the server proved (or, resumed, the
        /// certificates of the session).
        private func summary(serverName: String?) -> HandshakeSummary {
            let parameters = negotiation.parameters
            switch handshake {
            case .full(let certificate, let group, let serverScheme, let localScheme):
                return HandshakeSummary(
                    version: .tls12, cipherSuite: parameters.suite, group: group, signatureScheme: serverScheme,
                    applicationProtocol: negotiation.applicationProtocol, helloRetryRequested: false, serverName: serverName,
                    peerCertificates: certificate.chain.certificates, verification: certificate.verification, role: .client,
                    localSignatureScheme: localScheme, resumed: false, earlyDataAccepted: nil,
                    extendedMasterSecret: negotiation.extendedMasterSecret)
            case .abbreviated(let session):
                return HandshakeSummary(
                    version: .tls12, cipherSuite: parameters.suite, group: nil, signatureScheme: nil,
                    applicationProtocol: negotiation.applicationProtocol, helloRetryRequested: false, serverName: serverName,
                    peerCertificates: session.peerCertificates, verification: nil, role: .client,
                    localSignatureScheme: nil, resumed: true, earlyDataAccepted: nil,
                    extendedMasterSecret: negotiation.extendedMasterSecret)
            }
        }

        /// Files the session under the connection's key: with the ticket of the
        /// NewSessionTicket (its lifetime hint, or `tls12SessionLifetime` when it gives none),
        /// or with the session ID alone. A resumed session without a new ticket is filed
        /// again as it was. Nothing is filed without a cache, with resumption off, or when the
        /// server gave neither a session ID nor a ticket. Returns what was filed.
        private func storeSession(configuration: TLSClientConfiguration, serverName: String?) -> FiledSession? {
            guard ClientHandshake.resumesTLS12Sessions(configuration: configuration),
                let cache = configuration.sessionCache
            else { return nil }
            let now = configuration.now()
            var ticketBytes: [UInt8] = []
            var receivedAt = now
            var lifetime = ClientHandshake.tls12SessionLifetime
            var peerCertificates: [[UInt8]] = []
            switch handshake {
            case .full(let certificate, _, _, _):
                peerCertificates = certificate.chain.certificates
            case .abbreviated(let session):
                peerCertificates = session.peerCertificates
                if ticket == nil {
                    (ticketBytes, receivedAt, lifetime) = (session.ticket, session.receivedAt, session.lifetime)
                }
            }
            if let ticket, !ticket.ticket.isEmpty {
                ticketBytes = ticket.ticket
                receivedAt = now
                lifetime = ticket.ticketLifetimeHint == 0 ? ClientHandshake.tls12SessionLifetime : min(ticket.ticketLifetimeHint, 604_800)
            }
            guard !negotiation.sessionID.isEmpty || !ticketBytes.isEmpty else { return nil }
            let session = ClientSession(
                cipherSuite: negotiation.parameters.suite, serverName: serverName,
                applicationProtocol: negotiation.applicationProtocol, ticket: ticketBytes, receivedAt: receivedAt,
                lifetime: lifetime, peerCertificates: peerCertificates,
                secret: keys.sessionSecret(sessionID: negotiation.sessionID))
            let key = ClientHandshake.sessionKey(configuration: configuration, serverName: serverName)
            cache.store(session, for: key)
            return .client(cache, key, session)
        }
    }
}
