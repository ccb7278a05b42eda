import Crypto

/// The suite, the key schedule past its handshake stage, and both handshake traffic secrets
/// (RFC 8446, Section 7.1): what a TLS 1.3 handshake runs on from ServerHello to Finished.
struct TLS13HandshakeSecrets {
    let parameters: CipherSuiteParameters
    let keySchedule: TLS13KeySchedule
    /// client_handshake_traffic_secret.
    let client: SymmetricKey
    /// server_handshake_traffic_secret.
    let server: SymmetricKey

    /// Mixes the (EC)DHE `sharedSecret` (zeros for psk_ke) into `keySchedule` and derives both
    /// secrets over ClientHello..ServerHello.
    init(parameters: CipherSuiteParameters, keySchedule: TLS13KeySchedule, sharedSecret: [UInt8], transcriptHash: [UInt8]) {
        var keySchedule = keySchedule
        let secrets = keySchedule.deriveHandshakeSecrets(sharedSecret: sharedSecret, transcriptHash: transcriptHash)
        self.parameters = parameters
        self.keySchedule = keySchedule
        self.client = secrets.client
        self.server = secrets.server
    }

    /// The key log events for both secrets.
    var logEvents: [HandshakeEvent] {
        [.logSecret(.clientHandshakeTrafficSecret, client), .logSecret(.serverHandshakeTrafficSecret, server)]
    }

    /// Record protection under `secret`, with this suite.
    func protection(_ secret: SymmetricKey) -> RecordProtection {
        .tls13(parameters: parameters, trafficSecret: secret)
    }

    /// The verify_data of a Finished sent under `secret` over `transcriptHash` (Section 4.4.4).
    func finishedVerifyData(_ secret: SymmetricKey, transcriptHash: [UInt8]) -> [UInt8] {
        keySchedule.finishedVerifyData(trafficSecret: secret, transcriptHash: transcriptHash)
    }
}
