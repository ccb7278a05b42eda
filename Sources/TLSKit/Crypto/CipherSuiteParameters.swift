/// What a cipher suite fixes: its AEAD and its hash (RFC 8446, Section B.4), and for a
/// TLS 1.2 suite also its key exchange, its authentication and the split of the AEAD nonce
/// (RFC 5246, Section 6.2.3.3; RFC 5288, Section 3; RFC 7905, Section 2).
struct CipherSuiteParameters: Sendable, Hashable {
    /// The record protection algorithm (RFC 8446, Section 5.2).
    enum AEAD: Sendable, Hashable {
        case aes128GCM
        case aes256GCM
        case chaCha20Poly1305
    }

    /// How a TLS 1.2 suite agrees on the premaster secret (RFC 5246, Section 7.4.7).
    enum KeyExchange: Sendable, Hashable {
        /// Ephemeral elliptic-curve Diffie-Hellman (RFC 8422, Section 2).
        case ecdhe
        /// The premaster secret encrypted to the server's RSA key (RFC 5246, Section 7.4.7.1).
        case rsa
    }

    /// What kind of certificate key authenticates the server in a TLS 1.2 suite.
    enum Authentication: Sendable, Hashable {
        case ecdsa
        case rsa
    }

    let suite: CipherSuite
    let aead: AEAD
    /// The HKDF hash in TLS 1.3; the PRF hash in TLS 1.2 (RFC 5246, Section 5).
    let hash: TLSHashAlgorithm
    /// The AEAD key length in bytes.
    let keyLength: Int
    /// The AEAD nonce (and, in TLS 1.3, IV) length in bytes.
    let ivLength: Int
    /// The AEAD tag length in bytes.
    let tagLength: Int
    /// TLS 1.2 only (`nil` for TLS 1.3 suites, which leave it to the extensions).
    let keyExchange: KeyExchange?
    /// TLS 1.2 only (`nil` for TLS 1.3 suites, which leave it to the certificate).
    let authentication: Authentication?
    /// The implicit part of the nonce taken from the key block: `fixed_iv_length` of
    /// RFC 5246, Section 6.3 (4 for AES-GCM, RFC 5288; 12 for ChaCha20-Poly1305, RFC 7905).
    /// The whole IV (`ivLength`) for TLS 1.3.
    let fixedIVLength: Int
    /// The `nonce_explicit` bytes carried at the start of each TLS 1.2 record fragment
    /// (8 for AES-GCM, 0 for ChaCha20-Poly1305 and for TLS 1.3).
    let explicitNonceLength: Int

    init(
        suite: CipherSuite, aead: AEAD, hash: TLSHashAlgorithm, keyLength: Int, ivLength: Int, tagLength: Int,
        keyExchange: KeyExchange? = nil, authentication: Authentication? = nil,
        fixedIVLength: Int? = nil, explicitNonceLength: Int = 0
    ) {
        self.suite = suite
        self.aead = aead
        self.hash = hash
        self.keyLength = keyLength
        self.ivLength = ivLength
        self.tagLength = tagLength
        self.keyExchange = keyExchange
        self.authentication = authentication
        self.fixedIVLength = fixedIVLength ?? ivLength
        self.explicitNonceLength = explicitNonceLength
    }

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

    /// The parameters of a TLS 1.2 AEAD suite this library implements (the ECDHE suites
    /// and the two RSA key exchange suites), or nil for any other code point.
    static func tls12(_ suite: CipherSuite) -> CipherSuiteParameters? {
        switch suite {
        case .tlsECDHEECDSAWithAES128GCMSHA256: .tls12(suite, .aes128GCM, .sha256, .ecdhe, .ecdsa)
        case .tlsECDHEECDSAWithAES256GCMSHA384: .tls12(suite, .aes256GCM, .sha384, .ecdhe, .ecdsa)
        case .tlsECDHEECDSAWithChaCha20Poly1305SHA256: .tls12(suite, .chaCha20Poly1305, .sha256, .ecdhe, .ecdsa)
        case .tlsECDHERSAWithAES128GCMSHA256: .tls12(suite, .aes128GCM, .sha256, .ecdhe, .rsa)
        case .tlsECDHERSAWithAES256GCMSHA384: .tls12(suite, .aes256GCM, .sha384, .ecdhe, .rsa)
        case .tlsECDHERSAWithChaCha20Poly1305SHA256: .tls12(suite, .chaCha20Poly1305, .sha256, .ecdhe, .rsa)
        case .tlsRSAWithAES128GCMSHA256: .tls12(suite, .aes128GCM, .sha256, .rsa, .rsa)
        case .tlsRSAWithAES256GCMSHA384: .tls12(suite, .aes256GCM, .sha384, .rsa, .rsa)
        default: nil
        }
    }

    /// A TLS 1.2 AEAD suite: AES-GCM splits its 12-byte nonce into a 4-byte salt and an
    /// 8-byte explicit part (RFC 5288, Section 3); ChaCha20-Poly1305 takes all 12 bytes from
    /// the key block (RFC 7905, Section 2).
    private static func tls12(
        _ suite: CipherSuite, _ aead: AEAD, _ hash: TLSHashAlgorithm, _ keyExchange: KeyExchange,
        _ authentication: Authentication
    ) -> CipherSuiteParameters {
        let keyLength: Int
        let fixedIVLength: Int
        let explicitNonceLength: Int
        switch aead {
        case .aes128GCM: (keyLength, fixedIVLength, explicitNonceLength) = (16, 4, 8)
        case .aes256GCM: (keyLength, fixedIVLength, explicitNonceLength) = (32, 4, 8)
        case .chaCha20Poly1305: (keyLength, fixedIVLength, explicitNonceLength) = (32, 12, 0)
        }
        return CipherSuiteParameters(
            suite: suite, aead: aead, hash: hash, keyLength: keyLength, ivLength: 12, tagLength: 16,
            keyExchange: keyExchange, authentication: authentication,
            fixedIVLength: fixedIVLength, explicitNonceLength: explicitNonceLength)
    }
}
