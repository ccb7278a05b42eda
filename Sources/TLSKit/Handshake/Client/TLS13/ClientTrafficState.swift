import Crypto
import NIOCore

/// The handshake is complete; only post-handshake messages may arrive (RFC 8446, Section 4.6).
struct ClientTrafficState {
    var parameters: CipherSuiteParameters
    var keySchedule: TLS13KeySchedule
    var clientApplicationSecret: SymmetricKey
    var serverApplicationSecret: SymmetricKey
    var resumptionMasterSecret: SymmetricKey
    /// Where NewSessionTickets are filed; nil: tickets are ignored.
    var ticketContext: ClientTicketContext? = nil
    /// Tickets filed so far (bounded by `ClientHandshake.maximumTicketsStored`).
    var ticketsStored: UInt64 = 0

    /// RFC 8446, Section 4.6: NewSessionTicket (kept for resumption later) and KeyUpdate.
    consuming func handle(
        _ message: HandshakeMessage, configuration: TLSClientConfiguration
    ) throws -> (TLS13ClientState, [HandshakeEvent]) {
        switch message {
        case .newSessionTicket(let ticket):
            try storeTicket(ticket, configuration: configuration)
            return (.connected(self), [])
        case .keyUpdate(let update):
            // Section 4.6.3: new read keys now; answer update_requested with our own KeyUpdate.
            serverApplicationSecret = keySchedule.nextTrafficSecret(serverApplicationSecret)
            var events: [HandshakeEvent] = [
                .changeReadKeys(.tls13(parameters: parameters, trafficSecret: serverApplicationSecret))
            ]
            if update.requestUpdate == .updateRequested {
                var encoded = ByteBuffer()
                HandshakeMessage.keyUpdate(KeyUpdate(requestUpdate: .updateNotRequested)).encode(into: &encoded)
                events.append(.sendHandshake(encoded))
                clientApplicationSecret = keySchedule.nextTrafficSecret(clientApplicationSecret)
                events.append(.changeWriteKeys(.tls13(parameters: parameters, trafficSecret: clientApplicationSecret)))
            }
            return (.connected(self), events)
        default:
            throw PeerMisbehaved.unexpectedMessage("\(message.type) after the handshake")
        }
    }

    /// RFC 8446, Section 4.6.3: our own KeyUpdate; new write keys right after it.
    mutating func updateKeys(requestPeerUpdate: Bool) -> [HandshakeEvent] {
        let request: KeyUpdateRequest = requestPeerUpdate ? .updateRequested : .updateNotRequested
        clientApplicationSecret = keySchedule.nextTrafficSecret(clientApplicationSecret)
        return [
            .sendHandshake(HandshakeMessage.keyUpdate(KeyUpdate(requestUpdate: request)).encoded),
            .changeWriteKeys(.tls13(parameters: parameters, trafficSecret: clientApplicationSecret)),
        ]
    }

    /// Section 4.6.1: files a ticket in the session cache.
    private mutating func storeTicket(_ ticket: NewSessionTicket, configuration: TLSClientConfiguration) throws {
        guard ticket.ticketLifetime <= 604_800 else {
            throw PeerMisbehaved.illegalParameter("ticket_lifetime \(ticket.ticketLifetime) is above 604800 seconds (7 days)")
        }
        var maxEarlyDataSize: UInt32 = 0
        for item in ticket.extensions {
            if case .earlyData(let size?) = item { maxEarlyDataSize = size }
        }
        guard ticket.ticketLifetime > 0, let cache = configuration.sessionCache, let context = ticketContext,
            ticketsStored < ClientHandshake.maximumTicketsStored
        else { return }
        ticketsStored += 1
        let session = ClientSession(
            version: .tls13, cipherSuite: parameters.suite, serverName: context.serverName,
            applicationProtocol: context.applicationProtocol, ticket: ticket.ticket, ticketAgeAdd: ticket.ticketAgeAdd,
            receivedAt: configuration.now(), lifetime: ticket.ticketLifetime, maxEarlyDataSize: maxEarlyDataSize,
            peerCertificates: context.peerCertificates,
            resumptionPSK: TLS13KeySchedule.resumptionPSK(
                hash: parameters.hash, resumptionMasterSecret: resumptionMasterSecret, ticketNonce: ticket.ticketNonce))
        cache.store(session, for: context.cacheKey)
    }
}
