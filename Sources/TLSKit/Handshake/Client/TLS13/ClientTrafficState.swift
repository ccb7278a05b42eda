import Crypto
import NIOCore

/// The handshake is complete; only post-handshake messages may arrive (RFC 8446, Section 4.6).
struct ClientTrafficState {
    /// The keys in use, what KeyUpdate changes, and the exporter.
    var secrets: TLS13TrafficSecrets
    /// For the PSKs of the NewSessionTickets the server sends (Section 4.6.1).
    let resumptionMasterSecret: SymmetricKey
    /// Where NewSessionTickets are filed.
    let ticketContext: ClientTicketContext
    /// Tickets filed so far (bounded by `ClientHandshake.maximumTicketsStored`).
    private(set) var ticketsStored: UInt64 = 0

    init(secrets: TLS13TrafficSecrets, resumptionMasterSecret: SymmetricKey, ticketContext: ClientTicketContext) {
        self.secrets = secrets
        self.resumptionMasterSecret = resumptionMasterSecret
        self.ticketContext = ticketContext
    }

    /// RFC 8446, Section 4.6: NewSessionTicket (kept for resumption later) and KeyUpdate.
    consuming func handle(
        _ message: HandshakeMessage, configuration: TLSClientConfiguration
    ) throws -> (TLS13ClientState, [HandshakeEvent]) {
        switch message {
        case .newSessionTicket(let ticket):
            try storeTicket(ticket, configuration: configuration)
            return (.connected(self), [])
        case .keyUpdate(let update):
            let events = secrets.receiveKeyUpdate(update)
            return (.connected(self), events)
        default:
            throw PeerMisbehaved.unexpectedMessage("\(message.type) after the handshake")
        }
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
        guard ticket.ticketLifetime > 0, let cache = configuration.sessionCache,
            ticketsStored < ClientHandshake.maximumTicketsStored
        else { return }
        ticketsStored += 1
        let context = ticketContext
        let parameters = secrets.parameters
        let psk = TLS13KeySchedule.resumptionPSK(
            hash: parameters.hash, resumptionMasterSecret: resumptionMasterSecret, ticketNonce: ticket.ticketNonce)
        let session = ClientSession(
            cipherSuite: parameters.suite, serverName: context.serverName,
            applicationProtocol: context.applicationProtocol, ticket: ticket.ticket, receivedAt: configuration.now(),
            lifetime: ticket.ticketLifetime, peerCertificates: context.peerCertificates,
            secret: .tls13(resumptionPSK: psk, ticketAgeAdd: ticket.ticketAgeAdd, maxEarlyDataSize: maxEarlyDataSize))
        cache.store(session, for: context.cacheKey)
    }
}
