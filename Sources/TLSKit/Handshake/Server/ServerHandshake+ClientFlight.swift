import Crypto
import NIOCore

extension ServerHandshake {
    /// RFC 8446, Section 4.4.2: the client's chain, answering our CertificateRequest. An empty
    /// one is accepted only when client authentication is optional (Section 4.4.2.4:
    /// certificate_required otherwise); a non-empty one pauses the handshake for the verifier.
    mutating func handleClientCertificate(
        _ message: CertificateMessage, raw: ByteBuffer, progress: ServerHandshakeProgress
    ) throws -> [HandshakeEvent] {
        guard message.certificateRequestContext.isEmpty else {
            throw PeerMisbehaved.illegalParameter("certificate_request_context must echo the empty context of our CertificateRequest")
        }
        for entry in message.entries {
            for item in entry.extensions {
                // Our CertificateRequest asks for no status_request or SCT.
                throw PeerMisbehaved.unsupportedExtension(item.type, in: .certificate)
            }
        }
        var progress = progress
        progress.transcript.append(raw)
        guard !message.entries.isEmpty else {
            if configuration.clientAuthentication.requiresCertificate {
                throw PeerIncompatible.clientCertificateRequired
            }
            state = .expectFinished(progress)
            return []
        }
        progress.peerCertificates = message.entries.map(\.certificateData)
        state = .awaitingVerification(progress)
        return [.verifyPeer(CertificateVerificationRequest(
            chain: progress.peerCertificates, serverName: nil, purpose: .clientAuth))]
    }

    /// RFC 8446, Section 4.4.3: the client proves it holds its certificate's key.
    mutating func handleClientCertificateVerify(
        _ message: CertificateVerify, raw: ByteBuffer, progress: ServerHandshakeProgress
    ) throws -> [HandshakeEvent] {
        try PeerProof.checkCertificateVerify(
            message, offered: configuration.signatureSchemes, peerCertificates: progress.peerCertificates,
            transcriptHash: progress.transcript.currentHash(), peer: .client)
        var progress = progress
        progress.signatureScheme = message.algorithm
        progress.transcript.append(raw)
        state = .expectFinished(progress)
        return []
    }

    /// RFC 8446, Section 4.4.4: the client's Finished, compared in constant time
    /// (decrypt_error on a mismatch); then application traffic keys for reading.
    mutating func handleClientFinished(
        _ message: Finished, raw: ByteBuffer, progress: ServerHandshakeProgress
    ) throws -> [HandshakeEvent] {
        try PeerProof.checkFinished(
            message, keySchedule: progress.keySchedule, peerHandshakeSecret: progress.clientHandshakeSecret,
            transcriptHash: progress.transcript.currentHash())
        var progress = progress
        progress.transcript.append(raw)
        var traffic = ServerTrafficState(
            parameters: progress.parameters, keySchedule: progress.keySchedule,
            clientApplicationSecret: progress.clientApplicationSecret,
            serverApplicationSecret: progress.serverApplicationSecret,
            resumptionMasterSecret: progress.keySchedule.resumptionMasterSecret(
                transcriptHash: progress.transcript.currentHash()))
        // Section 4.6.1: the first tickets go out right after the handshake.
        traffic.ticketContext = ServerTicketContext(progress: progress)
        let tickets = makeTickets(count: configuration.ticketCount, traffic: &traffic)
        state = .connected(traffic)
        let summary = HandshakeSummary(
            version: .tls13, cipherSuite: progress.parameters.suite, group: progress.group,
            signatureScheme: progress.signatureScheme, applicationProtocol: progress.applicationProtocol,
            helloRetryRequested: progress.helloRetryRequested, serverName: progress.serverName,
            peerCertificates: progress.peerCertificates, verification: progress.verification,
            role: .server, localSignatureScheme: progress.localSignatureScheme,
            resumed: progress.resumed, earlyDataAccepted: progress.earlyDataAccepted)
        var events: [HandshakeEvent] = [
            .changeReadKeys(.tls13(parameters: progress.parameters, trafficSecret: progress.clientApplicationSecret)),
            .completed(summary),
        ]
        if tickets.readableBytes > 0 { events.append(.sendHandshake(tickets)) }
        return events
    }

    /// RFC 8446, Section 4.6.3: KeyUpdate from the client (new read keys; answer
    /// update_requested with our own KeyUpdate). A client sends no other post-handshake message.
    mutating func handlePostHandshake(_ message: HandshakeMessage, traffic: ServerTrafficState) throws -> [HandshakeEvent] {
        guard case .keyUpdate(let update) = message else {
            throw PeerMisbehaved.unexpectedMessage("\(message.type) from the client after the handshake")
        }
        var traffic = traffic
        traffic.clientApplicationSecret = traffic.keySchedule.nextTrafficSecret(traffic.clientApplicationSecret)
        var events: [HandshakeEvent] = [
            .changeReadKeys(.tls13(parameters: traffic.parameters, trafficSecret: traffic.clientApplicationSecret))
        ]
        if update.requestUpdate == .updateRequested {
            events.append(.sendHandshake(HandshakeMessage.keyUpdate(KeyUpdate(requestUpdate: .updateNotRequested)).encoded))
            traffic.serverApplicationSecret = traffic.keySchedule.nextTrafficSecret(traffic.serverApplicationSecret)
            events.append(.changeWriteKeys(.tls13(parameters: traffic.parameters, trafficSecret: traffic.serverApplicationSecret)))
        }
        state = .connected(traffic)
        return events
    }

    /// RFC 8446, Section 4.6.3: our own KeyUpdate; new write keys right after it.
    mutating func updateKeys(requestPeerUpdate: Bool) throws -> [HandshakeEvent] {
        guard case .connected(var traffic) = state else {
            throw TLSError(code: .invalidState, reason: "keys can be updated only after the handshake has completed")
        }
        let request: KeyUpdateRequest = requestPeerUpdate ? .updateRequested : .updateNotRequested
        traffic.serverApplicationSecret = traffic.keySchedule.nextTrafficSecret(traffic.serverApplicationSecret)
        state = .connected(traffic)
        return [
            .sendHandshake(HandshakeMessage.keyUpdate(KeyUpdate(requestUpdate: request)).encoded),
            .changeWriteKeys(.tls13(parameters: traffic.parameters, trafficSecret: traffic.serverApplicationSecret)),
        ]
    }
}
