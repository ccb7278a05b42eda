import NIOCore

extension TLS12ServerState {
    /// The client's Finished, the first message under its new keys (RFC 5246, Section 7.4.9).
    struct ExpectFinished {
        let negotiation: TLS12ServerNegotiation
        let keys: TLS12SessionKeys
        var transcript: TLS12Transcript
        let client: PeerIdentity
        let resumed: Bool

        /// Compared in constant time (decrypt_error on a mismatch). After a full handshake the
        /// server's part follows: [NewSessionTicket] (RFC 5077, Section 3.3), ChangeCipherSpec
        /// and Finished, and the session goes into the cache; after an abbreviated one the
        /// handshake is complete.
        consuming func handle(
            _ message: Finished, raw: ByteBuffer, configuration: TLSServerConfiguration
        ) throws -> (TLS12ServerState, [HandshakeEvent]) {
            try keys.checkFinished(message, sender: .client, handshakeHash: transcript.currentHash)
            transcript.append(raw)
            var events: [HandshakeEvent] = []
            if !resumed {
                if negotiation.issuesTicket {
                    let ticket = ServerHandshake.makeTLS12Ticket(
                        keys: keys, negotiation: negotiation, peerCertificates: client.certificates,
                        configuration: configuration)
                    var flight = HandshakeMessage.flightBuffer()
                    transcript.append(.tls12NewSessionTicket(ticket), to: &flight)
                    events.append(.sendHandshake(flight))
                }
                events.append(.sendChangeCipherSpec)
                events.append(.changeWriteKeys(keys.recordProtection(writer: .server)))
                var flight = HandshakeMessage.flightBuffer()
                transcript.append(.finished(keys.finished(sender: .server, handshakeHash: transcript.currentHash)), to: &flight)
                events.append(.sendHandshake(flight))
                ServerHandshake.cacheTLS12Session(
                    keys: keys, negotiation: negotiation, peerCertificates: client.certificates,
                    configuration: configuration)
            }
            if let cache = configuration.sessionCache, !negotiation.sessionID.isEmpty {
                events.append(.sessionFiled(.server(cache, sessionID: negotiation.sessionID)))
            }
            let summary = HandshakeSummary(
                version: .tls12, cipherSuite: negotiation.parameters.suite, role: .server, group: negotiation.group,
                helloRetryRequested: false, serverName: negotiation.serverName,
                applicationProtocol: negotiation.applicationProtocol, peer: client,
                localSignatureScheme: negotiation.localSignatureScheme, earlyDataAccepted: nil,
                extendedMasterSecret: keys.extendedMasterSecret)
            events.append(.completed(summary))
            return (.connected(TLS12ServerTrafficState(exporter: keys.exporter)), events)
        }
    }
}
