import Crypto

/// The TLS 1.2 line of the NSS key log format: `CLIENT_RANDOM <client_random> <master_secret>`
/// (draft-ietf-tls-keylogfile, Section 3.1: the 48-byte master secret of RFC 5246,
/// Section 8.1, or the extended master secret of RFC 7627).
///
/// `KeyLogLabel` lists the TLS 1.3 labels and lives with the connection types; until it
/// gains a `clientRandom` case, the TLS 1.2 handshake formats its line here.
extension KeyLogLine {
    /// The label of the TLS 1.2 master secret.
    static let tls12MasterSecretLabel = "CLIENT_RANDOM"

    /// `CLIENT_RANDOM <client_random> <master_secret>`, lowercase hex, without the line feed.
    static func formatTLS12(clientRandom: [UInt8], masterSecret: SymmetricKey) -> String {
        let secretHex = masterSecret.withUnsafeBytes { hex($0) }
        return "\(tls12MasterSecretLabel) \(hex(clientRandom)) \(secretHex)"
    }
}
