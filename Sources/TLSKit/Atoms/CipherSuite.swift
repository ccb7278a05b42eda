/// A cipher suite code point (RFC 8446, Section B.4; RFC 5246, Appendix A.5).
public struct CipherSuite: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    // MARK: TLS 1.3 (RFC 8446, Section B.4)

    public static let tlsAES128GCMSHA256 = CipherSuite(rawValue: 0x1301)
    public static let tlsAES256GCMSHA384 = CipherSuite(rawValue: 0x1302)
    public static let tlsChaCha20Poly1305SHA256 = CipherSuite(rawValue: 0x1303)

    // MARK: TLS 1.2 ECDHE with AEAD (RFC 8422, Section 6; RFC 5289, Section 3.2; RFC 7905, Section 2)

    public static let tlsECDHEECDSAWithAES128GCMSHA256 = CipherSuite(rawValue: 0xC02B)
    public static let tlsECDHEECDSAWithAES256GCMSHA384 = CipherSuite(rawValue: 0xC02C)
    public static let tlsECDHEECDSAWithChaCha20Poly1305SHA256 = CipherSuite(rawValue: 0xCCA9)
    public static let tlsECDHERSAWithAES128GCMSHA256 = CipherSuite(rawValue: 0xC02F)
    public static let tlsECDHERSAWithAES256GCMSHA384 = CipherSuite(rawValue: 0xC030)
    public static let tlsECDHERSAWithChaCha20Poly1305SHA256 = CipherSuite(rawValue: 0xCCA8)

    // MARK: TLS 1.2 RSA key exchange with AES-GCM (RFC 5288, Section 3)

    public static let tlsRSAWithAES128GCMSHA256 = CipherSuite(rawValue: 0x009C)
    public static let tlsRSAWithAES256GCMSHA384 = CipherSuite(rawValue: 0x009D)

    // MARK: Signalling cipher suite values

    /// Renegotiation indication in a ClientHello without the extension (RFC 5746, Section 3.3).
    public static let tlsEmptyRenegotiationInfoSCSV = CipherSuite(rawValue: 0x00FF)
    /// A fallback retry after a failed handshake at a higher version (RFC 7507, Section 2).
    public static let tlsFallbackSCSV = CipherSuite(rawValue: 0x5600)

    // MARK: Lists

    /// The TLS 1.3 suites this library implements, in default preference order.
    public static let tls13Suites: [CipherSuite] = [
        .tlsAES128GCMSHA256, .tlsAES256GCMSHA384, .tlsChaCha20Poly1305SHA256,
    ]

    /// The TLS 1.2 ECDHE suites this library implements, in the order of Mozilla's
    /// "intermediate" configuration (forward secrecy and AEAD only).
    public static let tls12Suites: [CipherSuite] = [
        .tlsECDHEECDSAWithAES128GCMSHA256, .tlsECDHERSAWithAES128GCMSHA256,
        .tlsECDHEECDSAWithAES256GCMSHA384, .tlsECDHERSAWithAES256GCMSHA384,
        .tlsECDHEECDSAWithChaCha20Poly1305SHA256, .tlsECDHERSAWithChaCha20Poly1305SHA256,
    ]

    /// The TLS 1.2 suites with RSA key exchange (no forward secrecy; RFC 5246, Section 7.4.7.1).
    /// Never offered by default; only for peers that know nothing else.
    public static let tls12RSAKeyExchangeSuites: [CipherSuite] = [
        .tlsRSAWithAES128GCMSHA256, .tlsRSAWithAES256GCMSHA384,
    ]

    /// The signalling values, which name no algorithm.
    public static let signallingSuites: [CipherSuite] = [.tlsEmptyRenegotiationInfoSCSV, .tlsFallbackSCSV]

    /// Every code point this type has a name for.
    static let named: [CipherSuite] = tls13Suites + tls12Suites + tls12RSAKeyExchangeSuites + signallingSuites

    /// The IANA name (as in the TLS Cipher Suites registry), which `openssl` also prints for
    /// TLS 1.3 suites; `0x` and the hex code point for any other value.
    public var description: String {
        switch self {
        case .tlsAES128GCMSHA256: "TLS_AES_128_GCM_SHA256"
        case .tlsAES256GCMSHA384: "TLS_AES_256_GCM_SHA384"
        case .tlsChaCha20Poly1305SHA256: "TLS_CHACHA20_POLY1305_SHA256"
        case .tlsECDHEECDSAWithAES128GCMSHA256: "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"
        case .tlsECDHEECDSAWithAES256GCMSHA384: "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"
        case .tlsECDHEECDSAWithChaCha20Poly1305SHA256: "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"
        case .tlsECDHERSAWithAES128GCMSHA256: "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"
        case .tlsECDHERSAWithAES256GCMSHA384: "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"
        case .tlsECDHERSAWithChaCha20Poly1305SHA256: "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"
        case .tlsRSAWithAES128GCMSHA256: "TLS_RSA_WITH_AES_128_GCM_SHA256"
        case .tlsRSAWithAES256GCMSHA384: "TLS_RSA_WITH_AES_256_GCM_SHA384"
        case .tlsEmptyRenegotiationInfoSCSV: "TLS_EMPTY_RENEGOTIATION_INFO_SCSV"
        case .tlsFallbackSCSV: "TLS_FALLBACK_SCSV"
        default: "0x" + String(rawValue, radix: 16)
        }
    }

    /// The name OpenSSL uses in cipher strings (`openssl ciphers -V`): the IANA name for
    /// TLS 1.3 suites, `ECDHE-RSA-AES128-GCM-SHA256` and the like for TLS 1.2; `nil` for the
    /// signalling values and unknown code points, which OpenSSL does not name.
    public var opensslName: String? {
        switch self {
        case .tlsAES128GCMSHA256, .tlsAES256GCMSHA384, .tlsChaCha20Poly1305SHA256: description
        case .tlsECDHEECDSAWithAES128GCMSHA256: "ECDHE-ECDSA-AES128-GCM-SHA256"
        case .tlsECDHEECDSAWithAES256GCMSHA384: "ECDHE-ECDSA-AES256-GCM-SHA384"
        case .tlsECDHEECDSAWithChaCha20Poly1305SHA256: "ECDHE-ECDSA-CHACHA20-POLY1305"
        case .tlsECDHERSAWithAES128GCMSHA256: "ECDHE-RSA-AES128-GCM-SHA256"
        case .tlsECDHERSAWithAES256GCMSHA384: "ECDHE-RSA-AES256-GCM-SHA384"
        case .tlsECDHERSAWithChaCha20Poly1305SHA256: "ECDHE-RSA-CHACHA20-POLY1305"
        case .tlsRSAWithAES128GCMSHA256: "AES128-GCM-SHA256"
        case .tlsRSAWithAES256GCMSHA384: "AES256-GCM-SHA384"
        default: nil
        }
    }

    /// Parses an IANA name such as `TLS_AES_128_GCM_SHA256` or
    /// `TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256` (exact spelling).
    public init?(name: String) {
        guard let suite = CipherSuite.named.first(where: { $0.description == name }) else { return nil }
        self = suite
    }

    /// Parses an OpenSSL cipher name such as `ECDHE-ECDSA-AES128-GCM-SHA256` or
    /// `AES128-GCM-SHA256` (exact spelling; TLS 1.3 suites by their IANA names).
    public init?(opensslName: String) {
        guard let suite = CipherSuite.named.first(where: { $0.opensslName == opensslName }) else { return nil }
        self = suite
    }
}
