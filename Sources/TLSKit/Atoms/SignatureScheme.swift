/// A signature scheme code point (RFC 8446, Section 4.2.3).
public struct SignatureScheme: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let rsaPKCS1SHA256 = SignatureScheme(rawValue: 0x0401)
    public static let rsaPKCS1SHA384 = SignatureScheme(rawValue: 0x0501)
    public static let rsaPKCS1SHA512 = SignatureScheme(rawValue: 0x0601)
    public static let ecdsaSecp256r1SHA256 = SignatureScheme(rawValue: 0x0403)
    public static let ecdsaSecp384r1SHA384 = SignatureScheme(rawValue: 0x0503)
    public static let ecdsaSecp521r1SHA512 = SignatureScheme(rawValue: 0x0603)
    public static let rsaPSSRSAESHA256 = SignatureScheme(rawValue: 0x0804)
    public static let rsaPSSRSAESHA384 = SignatureScheme(rawValue: 0x0805)
    public static let rsaPSSRSAESHA512 = SignatureScheme(rawValue: 0x0806)
    public static let ed25519 = SignatureScheme(rawValue: 0x0807)
    public static let ed448 = SignatureScheme(rawValue: 0x0808)
    public static let rsaPSSPSSSHA256 = SignatureScheme(rawValue: 0x0809)
    public static let rsaPSSPSSSHA384 = SignatureScheme(rawValue: 0x080A)
    public static let rsaPSSPSSSHA512 = SignatureScheme(rawValue: 0x080B)

    /// Schemes accepted in TLS 1.3 CertificateVerify (RFC 8446, Section 4.4.3: no PKCS#1 v1.5).
    public static let tls13HandshakeSchemes: [SignatureScheme] = [
        .ecdsaSecp256r1SHA256, .ecdsaSecp384r1SHA384, .ed25519,
        .rsaPSSRSAESHA256, .rsaPSSRSAESHA384, .rsaPSSRSAESHA512,
    ]

    /// Schemes accepted in certificate signatures (signature_algorithms_cert, RFC 8446, Section 4.2.3).
    public static let certificateSchemes: [SignatureScheme] = tls13HandshakeSchemes + [
        .rsaPKCS1SHA256, .rsaPKCS1SHA384, .rsaPKCS1SHA512,
    ]

    public var description: String {
        switch self {
        case .rsaPKCS1SHA256: "rsa_pkcs1_sha256"
        case .rsaPKCS1SHA384: "rsa_pkcs1_sha384"
        case .rsaPKCS1SHA512: "rsa_pkcs1_sha512"
        case .ecdsaSecp256r1SHA256: "ecdsa_secp256r1_sha256"
        case .ecdsaSecp384r1SHA384: "ecdsa_secp384r1_sha384"
        case .ecdsaSecp521r1SHA512: "ecdsa_secp521r1_sha512"
        case .rsaPSSRSAESHA256: "rsa_pss_rsae_sha256"
        case .rsaPSSRSAESHA384: "rsa_pss_rsae_sha384"
        case .rsaPSSRSAESHA512: "rsa_pss_rsae_sha512"
        case .ed25519: "ed25519"
        case .ed448: "ed448"
        case .rsaPSSPSSSHA256: "rsa_pss_pss_sha256"
        case .rsaPSSPSSSHA384: "rsa_pss_pss_sha384"
        case .rsaPSSPSSSHA512: "rsa_pss_pss_sha512"
        case .rsaPKCS1SHA1: "rsa_pkcs1_sha1"
        case .ecdsaSHA1: "ecdsa_sha1"
        case .rsaPKCS1MD5: "rsa_pkcs1_md5"
        default: "0x" + String(rawValue, radix: 16)
        }
    }
}
