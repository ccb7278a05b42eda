import Crypto
import NIOCore

/// The server's handshake is complete; only post-handshake messages may arrive (RFC 8446, Section 4.6).
struct ServerTrafficState {
    var parameters: CipherSuiteParameters
    var keySchedule: TLS13KeySchedule
    var clientApplicationSecret: SymmetricKey
    var serverApplicationSecret: SymmetricKey
    /// For NewSessionTickets, once the server issues them (RFC 8446, Section 4.6.1).
    var resumptionMasterSecret: SymmetricKey
    /// What tickets of this connection carry.
    var ticketContext: ServerTicketContext

    /// RFC 8446, Section 4.6.3: KeyUpdate from the client (new read keys; answer
    /// update_requested with our own KeyUpdate). A client sends no other post-handshake message.
    consuming func handle(_ message: HandshakeMessage) throws -> (TLS13ServerState, [HandshakeEvent]) {
        guard case .keyUpdate(let update) = message else {
            throw PeerMisbehaved.unexpectedMessage("\(message.type) from the client after the handshake")
        }
        clientApplicationSecret = keySchedule.nextTrafficSecret(clientApplicationSecret)
        var events: [HandshakeEvent] = [
            .changeReadKeys(.tls13(parameters: parameters, trafficSecret: clientApplicationSecret))
        ]
        if update.requestUpdate == .updateRequested {
            events.append(.sendHandshake(HandshakeMessage.keyUpdate(KeyUpdate(requestUpdate: .updateNotRequested)).encoded))
            serverApplicationSecret = keySchedule.nextTrafficSecret(serverApplicationSecret)
            events.append(.changeWriteKeys(.tls13(parameters: parameters, trafficSecret: serverApplicationSecret)))
        }
        return (.connected(self), events)
    }

    /// RFC 8446, Section 4.6.3: our own KeyUpdate; new write keys right after it.
    mutating func updateKeys(requestPeerUpdate: Bool) -> [HandshakeEvent] {
        let request: KeyUpdateRequest = requestPeerUpdate ? .updateRequested : .updateNotRequested
        serverApplicationSecret = keySchedule.nextTrafficSecret(serverApplicationSecret)
        return [
            .sendHandshake(HandshakeMessage.keyUpdate(KeyUpdate(requestUpdate: request)).encoded),
            .changeWriteKeys(.tls13(parameters: parameters, trafficSecret: serverApplicationSecret)),
        ]
    }
}
