import NIOCore

extension TLS12ClientState {
    /// The master secret is known: after our flight in a full handshake, right after the
    /// ServerHello in an abbreviated one. The server's NewSessionTicket (when it sent
    /// session_ticket, RFC 5077, Section 3.3) and ChangeCipherSpec come next.
    struct ExpectChangeCipherSpec {
        let negotiation: TLS12ClientNegotiation
        var transcript: TLS12Transcript
        let keys: TLS12SessionKeys
        let handshake: TLS12ClientHandshakeKind
        /// The NewSessionTicket, once received.
        var ticket: TLS12NewSessionTicket?

        /// RFC 5077, Section 3.3: exactly one, and only after session_ticket in the ServerHello.
        consuming func handle(
            _ message: TLS12NewSessionTicket, raw: ByteBuffer
        ) throws -> (TLS12ClientState, [HandshakeEvent]) {
            guard negotiation.ticketExpected else {
                throw PeerMisbehaved.unexpectedMessage("NewSessionTicket although the ServerHello had no session_ticket")
            }
            guard ticket == nil else {
                throw PeerMisbehaved.unexpectedMessage("a second NewSessionTicket")
            }
            transcript.append(raw)
            ticket = message
            return (.expectChangeCipherSpec(self), [])
        }

        /// RFC 5246, Section 7.1: the server's records use the new keys from here on.
        consuming func handleChangeCipherSpec() throws -> (TLS12ClientState, [HandshakeEvent]) {
            guard !negotiation.ticketExpected || ticket != nil else {
                throw PeerMisbehaved.unexpectedMessage(
                    "ChangeCipherSpec before the NewSessionTicket that the ServerHello's session_ticket announced (RFC 5077, Section 3.3)")
            }
            let next = ExpectFinished(
                negotiation: negotiation, transcript: transcript, keys: keys, handshake: handshake, ticket: ticket)
            return (.expectFinished(next), [.changeReadKeys(keys.recordProtection(writer: .server))])
        }
    }
}
