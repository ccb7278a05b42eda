import Crypto
import NIOCore

extension TLS13ClientState {
    /// The server's Finished comes next: after its CertificateVerify, or right after
    /// EncryptedExtensions when it resumed a session (RFC 8446, Section 4.4.4).
    struct ExpectFinished {
        let negotiation: TLS13ClientNegotiation
        var transcript: TranscriptHash
        /// Set when the server asked for a client certificate.
        let certificateRequest: ReceivedCertificateRequest?
        /// The server's proven identity, or the session's when resumed.
        let server: PeerIdentity

        /// Checks the server's Finished, then sends ours (with EndOfEarlyData before it when
        /// the server accepted early data, and our certificate when asked) and switches to
        /// application traffic keys (Section 7.1).
        consuming func handle(
            _ message: Finished, raw: ByteBuffer, configuration: TLSClientConfiguration, serverName: String?
        ) throws -> (TLS13ClientState, [HandshakeEvent]) {
            try PeerProof.checkFinished(
                message, keySchedule: negotiation.secrets.keySchedule, peerHandshakeSecret: negotiation.secrets.server,
                transcriptHash: transcript.currentHash())
            transcript.append(raw)
            let secrets = negotiation.secrets
            let applicationSecrets = secrets.keySchedule.deriveApplicationSecrets(transcriptHash: transcript.currentHash())

            var events: [HandshakeEvent] = [.changeReadKeys(secrets.protection(applicationSecrets.server))]
            events += HandshakeEvent.logApplicationSecrets(applicationSecrets)
            if !negotiation.sentChangeCipherSpec {
                events.append(.sendChangeCipherSpec)
            }
            if negotiation.earlyDataAccepted == true {
                // Section 4.5: EndOfEarlyData, still under the early keys, then our handshake
                // keys (without accepted early data they were taken up at the ServerHello or
                // the EncryptedExtensions).
                let encoded = HandshakeMessage.endOfEarlyData.encoded
                transcript.append(encoded)
                events.append(.sendHandshake(encoded))
                events.append(.changeWriteKeys(secrets.protection(secrets.client)))
            }
            var flight = HandshakeMessage.flightBuffer()
            var localSignatureScheme: SignatureScheme?
            if let certificateRequest {
                localSignatureScheme = try Self.appendClientCertificate(
                    answering: certificateRequest, identity: configuration.clientIdentity,
                    allowed: configuration.signatureSchemes, to: &flight, transcript: &transcript)
            }
            let verifyData = secrets.finishedVerifyData(secrets.client, transcriptHash: transcript.currentHash())
            transcript.append(HandshakeMessage.finished(Finished(verifyData: verifyData)).encode(appendingTo: &flight))
            events.append(.sendHandshake(flight))
            events.append(.changeWriteKeys(secrets.protection(applicationSecrets.client)))

            let summary = HandshakeSummary(
                version: .tls13, cipherSuite: secrets.parameters.suite, role: .client, group: negotiation.group,
                helloRetryRequested: negotiation.helloRetryRequested, serverName: serverName,
                applicationProtocol: negotiation.applicationProtocol, peer: server,
                localSignatureScheme: localSignatureScheme, earlyDataAccepted: negotiation.earlyDataAccepted)
            let traffic = ClientTrafficState(
                secrets: TLS13TrafficSecrets(parameters: secrets.parameters, role: .client, applicationSecrets: applicationSecrets),
                resumptionMasterSecret: secrets.keySchedule.resumptionMasterSecret(transcriptHash: transcript.currentHash()),
                ticketContext: ClientTicketContext(
                    cacheKey: ClientHandshake.sessionKey(configuration: configuration, serverName: serverName),
                    serverName: serverName, applicationProtocol: negotiation.applicationProtocol,
                    peerCertificates: server.certificates))
            events.append(.completed(summary))
            return (.connected(traffic), events)
        }

        /// RFC 8446, Sections 4.4.2 and 4.4.3: our Certificate and CertificateVerify, signed
        /// with a scheme from the server's CertificateRequest that our key supports and
        /// `allowed` (the configuration's `signatureSchemes`) lists; an empty Certificate when
        /// we have no identity or no such scheme (Section 4.4.2.3; the server decides whether
        /// to go on). Returns the scheme we signed with.
        private static func appendClientCertificate(
            answering request: ReceivedCertificateRequest, identity: TLSCertificateIdentity?, allowed: [SignatureScheme],
            to flight: inout ByteBuffer, transcript: inout TranscriptHash
        ) throws -> SignatureScheme? {
            let scheme = identity?.privateKey.supportedSchemes.first { scheme in
                allowed.contains(scheme) && request.signatureSchemes.contains(scheme)
            }
            guard let identity, let scheme else {
                let empty = HandshakeMessage.certificate(CertificateMessage(certificateRequestContext: request.context, entries: []))
                transcript.append(empty.encode(appendingTo: &flight))
                return nil
            }
            let certificate = HandshakeMessage.certificate(CertificateMessage(
                certificateRequestContext: request.context,
                entries: identity.chain.map { CertificateEntry(certificateData: $0) }))
            transcript.append(certificate.encode(appendingTo: &flight))
            let content = TLSSignatureVerification.certificateVerifyContent(
                transcriptHash: transcript.currentHash(), isServer: false)
            let signature = try identity.privateKey.sign(scheme: scheme, content: content)
            let verify = HandshakeMessage.certificateVerify(CertificateVerify(algorithm: scheme, signature: signature))
            transcript.append(verify.encode(appendingTo: &flight))
            return scheme
        }
    }
}
