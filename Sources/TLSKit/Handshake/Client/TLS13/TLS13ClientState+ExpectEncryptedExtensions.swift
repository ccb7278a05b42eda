import NIOCore

extension TLS13ClientState {
    /// The ServerHello is accepted and the server's handshake keys are in use; its
    /// EncryptedExtensions come next (RFC 8446, Section 4.3.1).
    struct ExpectEncryptedExtensions {
        let secrets: TLS13HandshakeSecrets
        var transcript: TranscriptHash
        /// nil for a PSK-only (psk_ke) resumption.
        let group: NamedGroup?
        let helloRetryRequested: Bool
        let sentChangeCipherSpec: Bool
        /// The session the server resumed (it selected our pre_shared_key), if any.
        let resumption: ClientResumptionOffer?
        let earlyData: ClientEarlyDataOffer

        /// Only extensions the client offered may come back. Settles ALPN and whether early
        /// data was accepted (Section 4.2.10: only on the resumed session, with its suite and
        /// ALPN protocol); a resumed handshake skips Certificate and CertificateVerify
        /// (Section 2.2).
        consuming func handle(
            _ message: EncryptedExtensions, raw: ByteBuffer, configuration: TLSClientConfiguration, serverName: String?
        ) throws -> (TLS13ClientState, [HandshakeEvent]) {
            var earlyDataInExtensions = false
            var applicationProtocol: String?
            for item in message.extensions {
                switch item {
                case .earlyData(nil):
                    earlyDataInExtensions = true
                case .serverName(let list)
                where list.names.isEmpty && Self.offered(.serverName, configuration: configuration, serverName: serverName):
                    break
                case .supportedGroups:
                    // The server's preference, informational only (RFC 8446, Section 4.2.7).
                    break
                case .applicationLayerProtocolNegotiation(let protocols)
                where Self.offered(.applicationLayerProtocolNegotiation, configuration: configuration, serverName: serverName):
                    guard protocols.count == 1, let chosen = protocols.first,
                          configuration.applicationProtocols.contains(chosen) else {
                        throw PeerMisbehaved.illegalParameter("the server selected ALPN \(protocols), which is not exactly one of the offered \(configuration.applicationProtocols)")
                    }
                    applicationProtocol = chosen
                default:
                    throw PeerMisbehaved.unsupportedExtension(item.type, in: .encryptedExtensions)
                }
            }
            transcript.append(raw)
            let earlyDataAccepted: Bool?
            if earlyDataInExtensions {
                guard earlyData == .offered, let resumption else {
                    throw PeerMisbehaved.unsupportedExtension(.earlyData, in: .encryptedExtensions)
                }
                guard secrets.parameters.suite == resumption.session.cipherSuite,
                    applicationProtocol == resumption.session.applicationProtocol
                else {
                    throw PeerMisbehaved.illegalParameter(
                        "the server accepted early data with another cipher suite or ALPN protocol than the session's")
                }
                earlyDataAccepted = true
            } else {
                earlyDataAccepted = earlyData == .notOffered ? nil : false
            }
            let negotiation = TLS13ClientNegotiation(
                secrets: secrets, group: group, helloRetryRequested: helloRetryRequested,
                sentChangeCipherSpec: sentChangeCipherSpec, applicationProtocol: applicationProtocol,
                earlyDataAccepted: earlyDataAccepted)
            // Rejected 0-RTT data ends here: from now on we write under our handshake keys,
            // which the server reads with (it skips what it cannot open, Section 4.2.10).
            let events: [HandshakeEvent] =
                earlyData == .offered && earlyDataAccepted == false ? [.changeWriteKeys(secrets.protection(secrets.client))] : []
            if let resumption {
                let next = ExpectFinished(
                    negotiation: negotiation, transcript: transcript, certificateRequest: nil,
                    server: .resumed(certificates: resumption.session.peerCertificates))
                return (.expectFinished(next), events)
            }
            return (.expectCertificateOrCertificateRequest(
                ExpectCertificateOrCertificateRequest(negotiation: negotiation, transcript: transcript)), events)
        }

        /// Whether the ClientHello carried an extension of this type.
        private static func offered(_ type: ExtensionType, configuration: TLSClientConfiguration, serverName: String?) -> Bool {
            switch type {
            case .serverName:
                configuration.sendServerName && serverName.map { !IPAddressLiteral.isLiteral($0) } == true
            case .applicationLayerProtocolNegotiation:
                !configuration.applicationProtocols.isEmpty
            default:
                false
            }
        }
    }
}
