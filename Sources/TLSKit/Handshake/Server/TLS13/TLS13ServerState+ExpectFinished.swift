import NIOCore

extension TLS13ServerState {
    /// The client's Finished ends its flight (RFC 8446, Section 4.4.4).
    struct ExpectFinished {
        let negotiation: TLS13ServerNegotiation
        var transcript: TranscriptHash
        /// What the client proved, or the session's certificates when resumed.
        let client: PeerIdentity

        /// Compared in constant time (decrypt_error on a mismatch); then application traffic
        /// keys for reading, and the first tickets (Section 4.6.1).
        consuming func handle(
            _ message: Finished, raw: ByteBuffer, configuration: TLSServerConfiguration
        ) throws -> (TLS13ServerState, [HandshakeEvent]) {
            let secrets = negotiation.secrets
            try PeerProof.checkFinished(
                message, keySchedule: secrets.keySchedule, peerHandshakeSecret: secrets.client,
                transcriptHash: transcript.currentHash())
            transcript.append(raw)
            var traffic = ServerTrafficState(
                secrets: negotiation.trafficSecrets,
                resumptionMasterSecret: secrets.keySchedule.resumptionMasterSecret(transcriptHash: transcript.currentHash()),
                ticketContext: ServerTicketContext(
                    applicationProtocol: negotiation.applicationProtocol, serverName: negotiation.serverName,
                    peerCertificates: client.certificates, clientAcceptsTickets: negotiation.clientAcceptsTickets))
            let tickets = traffic.makeTickets(count: configuration.ticketCount, configuration: configuration)
            let summary = HandshakeSummary(
                version: .tls13, cipherSuite: secrets.parameters.suite, role: .server, group: negotiation.group,
                helloRetryRequested: negotiation.helloRetryRequested, serverName: negotiation.serverName,
                applicationProtocol: negotiation.applicationProtocol, peer: client,
                localSignatureScheme: negotiation.localSignatureScheme, earlyDataAccepted: negotiation.earlyDataAccepted)
            var events: [HandshakeEvent] = [
                .changeReadKeys(secrets.protection(negotiation.trafficSecrets.peer)),
                .completed(summary),
            ]
            if tickets.readableBytes > 0 { events.append(.sendHandshake(tickets)) }
            return (.connected(traffic), events)
        }
    }
}
