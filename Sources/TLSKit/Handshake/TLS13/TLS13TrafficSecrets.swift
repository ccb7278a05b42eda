import Crypto

/// The application traffic secrets of a connected TLS 1.3 connection, ours and the peer's,
/// with the exporter master secret (RFC 8446, Sections 7.1, 7.2 and 7.5). Both roles update
/// keys through it: it is what a KeyUpdate changes.
struct TLS13TrafficSecrets {
    let parameters: CipherSuiteParameters
    /// The secret of the keys we write with (the client's on a client).
    private(set) var local: SymmetricKey
    /// The secret of the keys we read with.
    private(set) var peer: SymmetricKey
    let exporterMasterSecret: SymmetricKey

    init(
        parameters: CipherSuiteParameters, role: TLSRole,
        applicationSecrets: (client: SymmetricKey, server: SymmetricKey, exporterMaster: SymmetricKey)
    ) {
        self.parameters = parameters
        switch role {
        case .client: (local, peer) = (applicationSecrets.client, applicationSecrets.server)
        case .server: (local, peer) = (applicationSecrets.server, applicationSecrets.client)
        }
        exporterMasterSecret = applicationSecrets.exporterMaster
    }

    /// The exporter over these secrets (Section 7.5).
    var exporter: KeyingMaterialExporter {
        .tls13(hash: parameters.hash, exporterMasterSecret: exporterMasterSecret)
    }

    /// Section 4.6.3: the peer's KeyUpdate. New read keys now; update_requested is answered
    /// with a KeyUpdate of ours, and new write keys right after it.
    mutating func receiveKeyUpdate(_ update: KeyUpdate) -> [HandshakeEvent] {
        peer = TLS13KeySchedule.nextTrafficSecret(hash: parameters.hash, peer)
        var events: [HandshakeEvent] = [.changeReadKeys(.tls13(parameters: parameters, trafficSecret: peer))]
        if update.requestUpdate == .updateRequested {
            events += sendKeyUpdate(requestPeerUpdate: false)
        }
        return events
    }

    /// Section 4.6.3: our own KeyUpdate, asking the peer for one with `requestPeerUpdate`;
    /// new write keys right after it.
    mutating func sendKeyUpdate(requestPeerUpdate: Bool) -> [HandshakeEvent] {
        let request: KeyUpdateRequest = requestPeerUpdate ? .updateRequested : .updateNotRequested
        local = TLS13KeySchedule.nextTrafficSecret(hash: parameters.hash, local)
        return [
            .sendHandshake(HandshakeMessage.keyUpdate(KeyUpdate(requestUpdate: request)).encoded),
            .changeWriteKeys(.tls13(parameters: parameters, trafficSecret: local)),
        ]
    }
}
