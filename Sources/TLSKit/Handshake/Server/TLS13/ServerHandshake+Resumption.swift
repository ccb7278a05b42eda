import Crypto
import Foundation
import NIOCore

/// PSK resumption and 0-RTT on the server (RFC 8446, Sections 2.2, 2.3, 4.2.9 to 4.2.11).
extension ServerHandshake {
    /// At most this many offered identities are tried (each costs an AEAD open or a store lookup).
    static let maximumIdentitiesTried = 4
    /// Rejected early data is skipped up to at least this many bytes (RFC 8446, Section 4.2.10),
    /// and at most `maximumEarlyDataSkip`.
    static let minimumEarlyDataSkip = 1 << 14
    static let maximumEarlyDataSkip = 1 << 24

    /// How much rejected early data to skip: what this server or the ticket could have allowed.
    func earlyDataSkipLimit(session: ServerSessionState?) -> Int {
        let allowed = max(Int(configuration.maxEarlyDataSize), Int(session?.secret.maxEarlyDataSize ?? 0))
        return min(max(allowed, Self.minimumEarlyDataSkip), Self.maximumEarlyDataSkip)
    }

    /// The PSK modes the ClientHello offers, and whether the server would issue tickets for them.
    func clientAcceptsTickets(_ hello: ClientHello) -> Bool {
        guard case .pskKeyExchangeModes(let modes)? = hello.extensions.first(.pskKeyExchangeModes) else { return false }
        return configuration.resumptionKeyExchangeModes.contains(where: modes.contains)
    }

    /// RFC 8446, Section 4.2.11: the first offered identity that opens to a usable session,
    /// its binder checked in constant time (decrypt_error on a mismatch). nil: full handshake.
    func acceptPSK(
        _ hello: ClientHello, raw: ByteBuffer, offer: ClientOffer, parameters: CipherSuiteParameters,
        prefix: TranscriptHash, applicationProtocol: String?, helloRetryRequested: Bool
    ) throws -> ServerResumption? {
        guard let offered = hello.offeredPSKs else { return nil }
        guard case .pskKeyExchangeModes(let modes)? = hello.extensions.first(.pskKeyExchangeModes) else {
            // Section 4.2.9: a client offering a PSK must say which modes it supports.
            throw PeerMisbehaved.missingExtension(.pskKeyExchangeModes)
        }
        guard let mode = configuration.resumptionKeyExchangeModes.first(where: modes.contains) else { return nil }
        let now = configuration.now()
        var found: (index: Int, session: ServerSessionState, psk: SymmetricKey, ticketAgeAdd: UInt32)?
        for (index, identity) in offered.identities.prefix(Self.maximumIdentitiesTried).enumerated() {
            if let session = openTicket(identity.identity, now: now),
                let secret = resumableSecret(of: session, parameters: parameters, offer: offer, now: now)
            {
                found = (index, session, secret.psk, secret.ticketAgeAdd)
                break
            }
        }
        guard let (index, session, psk, ticketAgeAdd) = found, index < offered.binders.count else { return nil }

        // Section 4.2.11.2: the binder covers the transcript up to the truncated ClientHello.
        let keySchedule = TLS13KeySchedule(hash: parameters.hash, psk: psk)
        var binderTranscript = prefix
        let truncatedLength = raw.readableBytes - offered.bindersEncodedLength
        guard truncatedLength > 0, let truncated = raw.getSlice(at: raw.readerIndex, length: truncatedLength) else {
            throw DecodeError.invalidValue("pre_shared_key binders longer than the ClientHello")
        }
        binderTranscript.append(truncated)
        let expected = keySchedule.finishedVerifyData(
            trafficSecret: keySchedule.binderKey(external: false), transcriptHash: binderTranscript.currentHash())
        guard constantTimeEquals(expected, offered.binders[index]) else {
            throw PeerMisbehaved.binderMismatch
        }

        let acceptsEarlyData =
            hello.extensions.first(.earlyData) != nil && !helloRetryRequested && index == 0
            && configuration.maxEarlyDataSize > 0 && session.secret.maxEarlyDataSize > 0
            && session.cipherSuite == parameters.suite && session.applicationProtocol == applicationProtocol
            && isTicketAgeFresh(offered.identities[index], ticketAgeAdd: ticketAgeAdd, issuedAt: session.issuedAt, now: now)
            && isFirstUse(binder: expected, now: now)
        return ServerResumption(
            identityIndex: UInt16(index), session: session, keySchedule: keySchedule, mode: mode,
            acceptsEarlyData: acceptsEarlyData)
    }

    /// The session behind a ticket: taken from the store, or opened with a ticket key.
    func openTicket(_ ticket: [UInt8], now: Date) -> ServerSessionState? {
        if let store = configuration.sessionStore {
            return store.take(id: ticket, now: now).flatMap(ServerSessionState.decode)
        }
        guard let id = SessionTicketSealer.keyID(of: ticket),
            let key = configuration.ticketKeys.key(id: id, now: now),
            let state = SessionTicketSealer.open(ticket, key: key)
        else { return nil }
        return ServerSessionState.decode(state)
    }

    /// Section 4.2.11: the PSK and ticket_age_add of a session this handshake may resume: the
    /// same version, a suite with the same hash, the same server name, not expired by our own
    /// record, and a client certificate when one is now required. nil otherwise.
    private func resumableSecret(
        of session: ServerSessionState, parameters: CipherSuiteParameters, offer: ClientOffer, now: Date
    ) -> (psk: SymmetricKey, ticketAgeAdd: UInt32)? {
        guard case .tls13(let psk, let ticketAgeAdd, _) = session.secret,
            let original = CipherSuiteParameters.tls13(session.cipherSuite), original.hash == parameters.hash,
            psk.bitCount == parameters.hash.digestLength * 8,
            session.isResumable(
                serverName: offer.serverName, now: now, allowedClockSkew: configuration.earlyDataAgeTolerance,
                requiresClientCertificate: configuration.clientAuthentication.requiresCertificate)
        else { return nil }
        return (psk, ticketAgeAdd)
    }

    /// Section 8.3: the client's view of the ticket age must be within the tolerance of ours.
    private func isTicketAgeFresh(_ identity: PSKIdentity, ticketAgeAdd: UInt32, issuedAt: Date, now: Date) -> Bool {
        let clientAge = Int64(identity.obfuscatedTicketAge &- ticketAgeAdd)
        let serverAge = SessionTime.millisecondsBetween(issuedAt, now)
        let tolerance = Int64(max(0, min(configuration.earlyDataAgeTolerance, 3600)) * 1000)
        return abs(clientAge - serverAge) <= tolerance
    }

    /// Section 8: single-use tickets are replay-safe; stateless ones need the replay guard.
    private func isFirstUse(binder: [UInt8], now: Date) -> Bool {
        if configuration.sessionStore != nil { return true }
        guard let replayGuard = configuration.earlyDataReplayGuard else { return false }
        let window = 2 * max(0, min(configuration.earlyDataAgeTolerance, 3600))
        return replayGuard.admit(binder, rememberUntil: now.addingTimeInterval(window), now: now)
    }
}
