/// A cipher suite code point (RFC 8446, Section B.4).
public struct CipherSuite: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let tlsAES128GCMSHA256 = CipherSuite(rawValue: 0x1301)
    public static let tlsAES256GCMSHA384 = CipherSuite(rawValue: 0x1302)
    public static let tlsChaCha20Poly1305SHA256 = CipherSuite(rawValue: 0x1303)

    /// The TLS 1.3 suites this library implements, in default preference order.
    public static let tls13Suites: [CipherSuite] = [
        .tlsAES128GCMSHA256, .tlsAES256GCMSHA384, .tlsChaCha20Poly1305SHA256,
    ]

    /// The IANA name, as `openssl` prints it for TLS 1.3 suites.
    public var description: String {
        switch self {
        case .tlsAES128GCMSHA256: "TLS_AES_128_GCM_SHA256"
        case .tlsAES256GCMSHA384: "TLS_AES_256_GCM_SHA384"
        case .tlsChaCha20Poly1305SHA256: "TLS_CHACHA20_POLY1305_SHA256"
        default: "0x" + String(rawValue, radix: 16)
        }
    }

    /// Parses an IANA name such as `TLS_AES_128_GCM_SHA256`.
    public init?(name: String) {
        guard let suite = CipherSuite.tls13Suites.first(where: { $0.description == name }) else { return nil }
        self = suite
    }
}
