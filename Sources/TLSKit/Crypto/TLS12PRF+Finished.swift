import Crypto

extension TLS12PRF {
    /// The length of TLS 1.2 `verify_data` for every suite this library implements
    /// (RFC 5246, Section 7.4.9: `verify_data_length` is 12 unless a suite says otherwise).
    static let verifyDataLength = 12

    /// verify_data = PRF(master_secret, finished_label, Hash(handshake_messages))[0..11]
    /// (RFC 5246, Section 7.4.9), with "client finished" for the Finished the client sends
    /// and "server finished" for the server's. `handshakeHash` is the transcript hash of
    /// every handshake message up to, not including, this Finished.
    static func verifyData(
        hash: TLSHashAlgorithm, masterSecret: SymmetricKey, sender: TLSRole, handshakeHash: [UInt8]
    ) -> [UInt8] {
        verifyData(prf: TLS12KeyedPRF(hash: hash, secret: masterSecret), sender: sender, handshakeHash: handshakeHash)
    }

    /// `verifyData(hash:masterSecret:sender:handshakeHash:)` with the PRF already keyed with
    /// the master secret.
    static func verifyData(prf: TLS12KeyedPRF, sender: TLSRole, handshakeHash: [UInt8]) -> [UInt8] {
        let label =
            switch sender {
            case .client: "client finished"
            case .server: "server finished"
            }
        return prf.output(label: label, seed: handshakeHash, length: verifyDataLength)
    }
}
