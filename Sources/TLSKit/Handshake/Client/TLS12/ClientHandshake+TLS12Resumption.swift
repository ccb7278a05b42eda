import Foundation

/// Offering and keeping TLS 1.2 sessions (RFC 5246, Section 7.4.1.2; RFC 5077).
extension ClientHandshake {
    /// ec_point_formats' `uncompressed`, the only point format TLSKit sends or reads
    /// (RFC 8422, Section 5.1.2).
    static let uncompressedPointFormat: UInt8 = 0

    /// How long a session the server gave only a session ID is kept, in seconds: the server
    /// states no lifetime (RFC 5246, Appendix F.1.4 suggests at most 24 hours). Also the
    /// lifetime of a ticket whose hint is 0 (unspecified, RFC 5077, Section 3.3).
    static let tls12SessionLifetime: UInt32 = 7200

    /// TLS 1.2 sessions are offered and kept unless resumption is off (no
    /// `resumptionKeyExchangeModes`, the same switch as in TLS 1.3).
    static func resumesTLS12Sessions(configuration: TLSClientConfiguration) -> Bool {
        !configuration.resumptionKeyExchangeModes.isEmpty
    }

    /// Puts a TLS 1.2 session into a ClientHello that offers TLS 1.2: its session ID (or a
    /// fresh one for a ticket) and its ticket. nil, leaving the hello unchanged, when the
    /// session is not a usable TLS 1.2 session: expired, its suite no longer offered, or
    /// without the extended master secret that the configuration requires (RFC 7627,
    /// Section 5.3).
    static func offerTLS12(
        _ session: ClientSession, in hello: inout ClientHello, configuration: TLSClientConfiguration, now: Date
    ) -> TLS12ClientResumptionOffer? {
        guard case .tls12(let masterSecret, let extendedMasterSecret, let sessionID) = session.secret,
            now < session.expiresAt,
            CipherSuiteParameters.tls12(session.cipherSuite) != nil,
            hello.cipherSuites.contains(session.cipherSuite),
            extendedMasterSecret || !configuration.settings.requireExtendedMasterSecret,
            !(sessionID.isEmpty && session.ticket.isEmpty),
            let ticketIndex = hello.extensions.firstIndex(where: { $0.type == .sessionTicket })
        else { return nil }
        let sent = sessionID.isEmpty ? RandomBytes.generate(count: 32) : sessionID
        hello.legacySessionID = sent
        hello.extensions[ticketIndex] = .sessionTicket(session.ticket)
        return TLS12ClientResumptionOffer(
            session: session, masterSecret: masterSecret, extendedMasterSecret: extendedMasterSecret,
            sentSessionID: sent, sessionID: sessionID)
    }
}
