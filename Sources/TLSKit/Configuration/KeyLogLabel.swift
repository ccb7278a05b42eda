/// The labels of the NSS key log format (the `SSLKEYLOGFILE` format Wireshark reads): for
/// TLS 1.3 one per secret of the key schedule (RFC 8446, Section 7.1), for TLS 1.2 the master
/// secret. See draft-ietf-tls-keylogfile, Section 3.1.
enum KeyLogLabel: String, Sendable, CaseIterable {
    /// client_early_traffic_secret (0-RTT data).
    case clientEarlyTrafficSecret = "CLIENT_EARLY_TRAFFIC_SECRET"
    /// client_handshake_traffic_secret.
    case clientHandshakeTrafficSecret = "CLIENT_HANDSHAKE_TRAFFIC_SECRET"
    /// server_handshake_traffic_secret.
    case serverHandshakeTrafficSecret = "SERVER_HANDSHAKE_TRAFFIC_SECRET"
    /// client_application_traffic_secret_0 (later generations follow by KeyUpdate, Section 7.2).
    case clientTrafficSecret0 = "CLIENT_TRAFFIC_SECRET_0"
    /// server_application_traffic_secret_0.
    case serverTrafficSecret0 = "SERVER_TRAFFIC_SECRET_0"
    /// exporter_master_secret (Section 7.5).
    case exporterSecret = "EXPORTER_SECRET"
    /// early_exporter_master_secret.
    case earlyExporterSecret = "EARLY_EXPORTER_SECRET"
    /// TLS 1.2: the 48-byte master secret (RFC 5246, Section 8.1), or the extended master
    /// secret (RFC 7627).
    case clientRandom = "CLIENT_RANDOM"
}
