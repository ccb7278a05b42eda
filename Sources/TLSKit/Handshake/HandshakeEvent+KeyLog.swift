import Crypto

extension HandshakeEvent {
    /// The key log events for the application traffic secrets and the exporter master secret
    /// (RFC 8446, Sections 7.1 and 7.5), right after `deriveApplicationSecrets`.
    static func logApplicationSecrets(
        _ secrets: (client: SymmetricKey, server: SymmetricKey, exporterMaster: SymmetricKey)
    ) -> [HandshakeEvent] {
        [
            .logSecret(.clientTrafficSecret0, secrets.client), .logSecret(.serverTrafficSecret0, secrets.server),
            .logSecret(.exporterSecret, secrets.exporterMaster),
        ]
    }
}
