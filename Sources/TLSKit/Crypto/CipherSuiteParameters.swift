/// What a TLS 1.3 cipher suite fixes: its AEAD and its hash (RFC 8446, Section B.4).
struct CipherSuiteParameters: Sendable, Hashable {
    /// The record protection algorithm (RFC 8446, Section 5.2).
    enum AEAD: Sendable, Hashable {
        case aes128GCM
        case aes256GCM
        case chaCha20Poly1305
    }

    let suite: CipherSuite
    let aead: AEAD
    let hash: TLSHashAlgorithm
    /// The AEAD key length in bytes.
    let keyLength: Int
    /// The AEAD nonce (and IV) length in bytes.
    let ivLength: Int
    /// The AEAD tag length in bytes.
    let tagLength: Int

    /// The parameters of a TLS 1.3 suite, or nil for any other code point.
    static func tls13(_ suite: CipherSuite) -> CipherSuiteParameters? {
        switch suite {
        case .tlsAES128GCMSHA256:
            CipherSuiteParameters(suite: suite, aead: .aes128GCM, hash: .sha256, keyLength: 16, ivLength: 12, tagLength: 16)
        case .tlsAES256GCMSHA384:
            CipherSuiteParameters(suite: suite, aead: .aes256GCM, hash: .sha384, keyLength: 32, ivLength: 12, tagLength: 16)
        case .tlsChaCha20Poly1305SHA256:
            CipherSuiteParameters(
                suite: suite, aead: .chaCha20Poly1305, hash: .sha256, keyLength: 32, ivLength: 12, tagLength: 16)
        default:
            nil
        }
    }
}
