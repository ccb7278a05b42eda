import Crypto

/// The TLS 1.2 key block of an AEAD suite, split into write keys and write IVs
/// (RFC 5246, Section 6.3):
///
/// ```
/// key_block = PRF(master_secret, "key expansion", server_random + client_random)
/// client_write_key[enc_key_length], server_write_key[enc_key_length],
/// client_write_IV[fixed_iv_length], server_write_IV[fixed_iv_length]
/// ```
///
/// AEAD suites have no MAC keys (`mac_key_length` is 0). `fixed_iv_length` is 4 for AES-GCM
/// (the salt of RFC 5288, Section 3) and 12 for ChaCha20-Poly1305 (RFC 7905, Section 2).
struct TLS12KeyBlock: Sendable {
    let clientWriteKey: SymmetricKey
    let serverWriteKey: SymmetricKey
    let clientWriteIV: [UInt8]
    let serverWriteIV: [UInt8]

    init(parameters: CipherSuiteParameters, masterSecret: SymmetricKey, clientRandom: [UInt8], serverRandom: [UInt8]) {
        self.init(
            parameters: parameters, prf: TLS12KeyedPRF(hash: parameters.hash, secret: masterSecret),
            clientRandom: clientRandom, serverRandom: serverRandom)
    }

    /// The key block from the PRF already keyed with the master secret.
    init(parameters: CipherSuiteParameters, prf: TLS12KeyedPRF, clientRandom: [UInt8], serverRandom: [UInt8]) {
        let keyLength = parameters.keyLength
        let ivLength = parameters.fixedIVLength
        let block = prf.output(label: "key expansion", seed: serverRandom + clientRandom, length: 2 * keyLength + 2 * ivLength)
        (clientWriteKey, serverWriteKey, clientWriteIV, serverWriteIV) = block.withUnsafeBytes { bytes in
            (
                SymmetricKey(data: UnsafeRawBufferPointer(rebasing: bytes[0..<keyLength])),
                SymmetricKey(data: UnsafeRawBufferPointer(rebasing: bytes[keyLength..<(2 * keyLength)])),
                Array(bytes[(2 * keyLength)..<(2 * keyLength + ivLength)]),
                Array(bytes[(2 * keyLength + ivLength)..<(2 * keyLength + 2 * ivLength)])
            )
        }
    }

    /// The write key and IV that `role` seals its records with (and its peer opens them with).
    func writeKeys(for role: TLSRole) -> (key: SymmetricKey, iv: [UInt8]) {
        switch role {
        case .client: (clientWriteKey, clientWriteIV)
        case .server: (serverWriteKey, serverWriteIV)
        }
    }
}
