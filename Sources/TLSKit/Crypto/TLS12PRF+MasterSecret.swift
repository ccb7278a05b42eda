import Crypto

extension TLS12PRF {
    /// The length of the TLS 1.2 master secret (RFC 5246, Section 8.1).
    static let masterSecretLength = 48

    /// master_secret = PRF(pre_master_secret, "master secret", ClientHello.random +
    /// ServerHello.random)[0..47] (RFC 5246, Section 8.1).
    static func masterSecret(
        hash: TLSHashAlgorithm, preMasterSecret: SymmetricKey, clientRandom: [UInt8], serverRandom: [UInt8]
    ) -> SymmetricKey {
        prf(
            hash: hash, secret: preMasterSecret, label: "master secret", seed: clientRandom + serverRandom,
            length: masterSecretLength)
    }

    /// master_secret = PRF(pre_master_secret, "extended master secret", session_hash)[0..47]
    /// (RFC 7627, Section 4), where `session_hash` is the transcript hash from ClientHello up
    /// to and including ClientKeyExchange (Section 3).
    static func extendedMasterSecret(
        hash: TLSHashAlgorithm, preMasterSecret: SymmetricKey, sessionHash: [UInt8]
    ) -> SymmetricKey {
        prf(
            hash: hash, secret: preMasterSecret, label: "extended master secret", seed: sessionHash,
            length: masterSecretLength)
    }
}
