import Crypto
import Foundation
import NIOCore

/// NewSessionTicket (RFC 8446, Section 4.6.1).
extension ServerHandshake {
    /// At most this many tickets per request.
    static let maximumTicketsPerRequest = 32

    /// Sends `count` more tickets; only once the handshake has completed.
    mutating func sendSessionTickets(count: Int) throws -> [HandshakeEvent] {
        guard case .connected(var traffic) = state else {
            throw TLSError(code: .invalidState, reason: "session tickets can be sent only after the handshake has completed")
        }
        let tickets = makeTickets(count: count, traffic: &traffic)
        state = .connected(traffic)
        return tickets.readableBytes > 0 ? [.sendHandshake(tickets)] : []
    }

    /// Encoded NewSessionTicket messages: each with a fresh ticket_nonce (so a fresh PSK), a
    /// random ticket_age_add, and a ticket that is the sealed session or a store id. None when
    /// the client offered no PSK mode we accept, or no ticket key is available.
    func makeTickets(count: Int, traffic: inout ServerTrafficState) -> ByteBuffer {
        var output = ByteBuffer()
        guard traffic.ticketContext.clientAcceptsTickets else { return output }
        let lifetime = min(configuration.ticketLifetime, 604_800)
        guard lifetime > 0 else { return output }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<max(0, min(count, Self.maximumTicketsPerRequest)) {
            let now = configuration.now()
            var nonceCounter = traffic.ticketContext.ticketsIssued.bigEndian
            let nonce = withUnsafeBytes(of: &nonceCounter) { Array($0) }
            traffic.ticketContext.ticketsIssued &+= 1
            let session = ServerSessionState(
                version: .tls13, cipherSuite: traffic.parameters.suite,
                resumptionPSK: TLS13KeySchedule.resumptionPSK(
                    hash: traffic.parameters.hash, resumptionMasterSecret: traffic.resumptionMasterSecret,
                    ticketNonce: nonce),
                ticketAgeAdd: generator.next(), issuedAt: now, lifetime: lifetime,
                maxEarlyDataSize: configuration.maxEarlyDataSize,
                applicationProtocol: traffic.ticketContext.applicationProtocol,
                serverName: traffic.ticketContext.serverName,
                peerCertificates: traffic.ticketContext.peerCertificates)
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
                ticketLifetime: lifetime, ticketAgeAdd: session.ticketAgeAdd, ticketNonce: nonce, ticket: ticket,
                extensions: extensions)).encode(into: &output)
        }
        return output
    }
}
