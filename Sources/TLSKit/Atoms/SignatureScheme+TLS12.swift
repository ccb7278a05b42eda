/// TLS 1.2 readings of the signature scheme code points.
///
/// In TLS 1.2 a code point is a `SignatureAndHashAlgorithm` pair, `hash (1) || signature (1)`
/// (RFC 5246, Section 7.4.1.4.1). RFC 8446, Section 4.2.3 keeps the wire values and adds
/// three rules that matter here: the rsa_pkcs1_* schemes stay valid for TLS 1.2 signatures,
/// the rsa_pss_rsae_* schemes may be used in TLS 1.2 as well, and in TLS 1.2 the ECDSA code
/// points name only the hash (the curve is whatever the certificate's key is on).
/// Ed25519 is defined for TLS 1.2 by RFC 8422, Section 5.1.3.
extension SignatureScheme {
    /// `{sha1, rsa}`: the RFC 5246 default for RSA keys when no signature_algorithms was sent.
    /// Named only so it can be recognized and refused: SHA-1 signatures are never made or accepted.
    public static let rsaPKCS1SHA1 = SignatureScheme(rawValue: 0x0201)
    /// `{sha1, ecdsa}`: the default for ECDSA keys (RFC 8422, Section 5.1.1). Refused like `rsaPKCS1SHA1`.
    public static let ecdsaSHA1 = SignatureScheme(rawValue: 0x0203)
    /// `{md5, rsa}`. Refused.
    public static let rsaPKCS1MD5 = SignatureScheme(rawValue: 0x0101)

    /// Schemes accepted in TLS 1.2 ServerKeyExchange and CertificateVerify signatures: the
    /// TLS 1.3 schemes, ECDSA with SHA-512 (on any curve), and RSA PKCS#1 v1.5 with SHA-256,
    /// SHA-384 and SHA-512. No SHA-1, SHA-224 or MD5.
    public static let tls12HandshakeSchemes: [SignatureScheme] = [
        .ecdsaSecp256r1SHA256, .ecdsaSecp384r1SHA384, .ecdsaSecp521r1SHA512, .ed25519,
        .rsaPSSRSAESHA256, .rsaPSSRSAESHA384, .rsaPSSRSAESHA512,
        .rsaPKCS1SHA256, .rsaPKCS1SHA384, .rsaPKCS1SHA512,
    ]

    /// Whether the code point pairs MD5 or SHA-1 (RFC 5246 `HashAlgorithm` md5 (1), sha1 (2))
    /// with RSA, DSA or ECDSA: hashes TLSKit refuses in every version.
    var hasBrokenHash: Bool {
        let hash = rawValue >> 8
        let signature = rawValue & 0xFF
        return (hash == 1 || hash == 2) && (1...3).contains(signature)
    }
}
