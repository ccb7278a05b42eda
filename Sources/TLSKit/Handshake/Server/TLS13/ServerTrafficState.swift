import Crypto
import NIOCore

/// The server's handshake is complete; only post-handshake messages may arrive (RFC 8446, Section 4.6).
struct ServerTrafficState {
    /// The keys in use, what KeyUpdate changes, and the exporter.
    var secrets: TLS13TrafficSecrets
    /// For NewSessionTickets, once the server issues them (RFC 8446, Section 4.6.1).
    let resumptionMasterSecret: SymmetricKey
    /// What tickets of this connection carry.
    var ticketContext: ServerTicketContext

    /// RFC 8446, Section 4.6.3: KeyUpdate from the client. A client sends no other
    /// post-handshake message.
    consuming func handle(_ message: HandshakeMessage) throws -> (TLS13ServerState, [HandshakeEvent]) {
        guard case .keyUpdate(let update) = message else {
            throw PeerMisbehaved.unexpectedMessage("\(message.type) from the client after the handshake")
        }
        let events = secrets.receiveKeyUpdate(update)
        return (.connected(self), events)
    }
}
