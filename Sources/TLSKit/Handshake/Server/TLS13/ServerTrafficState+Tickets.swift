import Crypto
import Foundation
import NIOCore

/// NewSessionTicket (RFC 8446, Section 4.6.1).
extension ServerTrafficState {
    /// At most this many tickets per request.
    static let maximumTicketsPerRequest = 32

    /// Encoded NewSessionTicket messages: each with a fresh ticket_nonce (so a fresh PSK), a
    /// random ticket_age_add, and a ticket that is the sealed session or a store id. None when
    /// the client offered no PSK mode we accept, or no ticket key is available.
    mutating func makeTickets(count: Int, configuration: TLSServerConfiguration) -> ByteBuffer {
        var output = ByteBuffer()
        guard ticketContext.clientAcceptsTickets else { return output }
        let lifetime = min(configuration.ticketLifetime, 604_800)
        guard lifetime > 0 else { return output }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<max(0, min(count, Self.maximumTicketsPerRequest)) {
            let now = configuration.now()
            var nonceCounter = ticketContext.ticketsIssued.bigEndian
            let nonce = withUnsafeBytes(of: &nonceCounter) { Array($0) }
            ticketContext.ticketsIssued &+= 1
            let psk = TLS13KeySchedule.resumptionPSK(
                hash: secrets.parameters.hash, resumptionMasterSecret: resumptionMasterSecret, ticketNonce: nonce)
            let ticketAgeAdd: UInt32 = generator.next()
            let session = ServerSessionState(
                cipherSuite: secrets.parameters.suite, issuedAt: now, lifetime: lifetime,
                applicationProtocol: ticketContext.applicationProtocol, serverName: ticketContext.serverName,
                peerCertificates: ticketContext.peerCertificates,
                secret: .tls13(resumptionPSK: psk, ticketAgeAdd: ticketAgeAdd, maxEarlyDataSize: configuration.maxEarlyDataSize))
            let encoded = session.encoded()
            let ticket: [UInt8]
            if let store = configuration.sessionStore {
                ticket = RandomBytes.generate(count: 32)
                store.store(id: ticket, session: encoded, expiresAt: session.expiresAt)
            } else {
                guard let key = configuration.ticketKeys.currentKey(now: now),
                    let sealed = SessionTicketSealer.seal(encoded, key: key)
                else { return output }
                ticket = sealed
            }
            let extensions: [TLSExtension] =
                configuration.maxEarlyDataSize > 0 ? [.earlyData(maxEarlyDataSize: configuration.maxEarlyDataSize)] : []
            HandshakeMessage.newSessionTicket(NewSessionTicket(
                ticketLifetime: lifetime, ticketAgeAdd: ticketAgeAdd, ticketNonce: nonce, ticket: ticket,
                extensions: extensions)).encode(into: &output)
        }
        return output
    }
}
