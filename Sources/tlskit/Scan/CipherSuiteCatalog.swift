import TLSKit

/// The cipher suites a scan offers and the names it prints: the IANA names of the TLS Cipher
/// Suites registry (RFC 8446, Section B.4; RFC 5246, Appendix A.5; RFC 4346, RFC 2246,
/// RFC 4492/8422, RFC 5288/5289, RFC 6655, RFC 7251, RFC 6209, RFC 5932, RFC 7905), including
/// the many that TLSKit does not implement (CBC, 3DES, RC4, NULL, EXPORT, DHE, static RSA,
/// CCM, ARIA, Camellia, SEED), so a scan can tell which of them a server still accepts.
enum CipherSuiteCatalog {
    /// One registry entry: the code point, its IANA name and the traits grading looks at.
    struct Entry: Hashable, Sendable {
        var code: UInt16
        var name: String

        var suite: CipherSuite { CipherSuite(rawValue: self.code) }
        /// A TLS 1.3 suite (RFC 8446, Section B.4), which names no key exchange.
        var isTLS13: Bool { self.code >> 8 == 0x13 }
        /// CBC mode (RFC 5246, Section 6.2.3.2), open to padding oracles (Lucky 13, POODLE).
        var isCBC: Bool { self.name.contains("_CBC_") }
        /// No forward secrecy: static RSA key exchange (RFC 5246, Section 7.4.7.1).
        var isStaticRSA: Bool { self.name.hasPrefix("TLS_RSA_") }
        /// No encryption, export-grade, RC4 (RFC 7465), single DES or anonymous key exchange.
        var isInsecure: Bool {
            ["_NULL_", "_EXPORT", "_RC4_", "_DES_CBC_", "_DES40_", "_RC2_", "_anon_"].contains { self.name.contains($0) }
                || self.name.hasSuffix("_NULL")
        }
    }

    /// Every entry, TLS 1.3 first, then the rest in the order a scan offers them.
    static let all: [Entry] = tls13 + legacy

    /// The five TLS 1.3 suites (RFC 8446, Section B.4).
    static let tls13: [Entry] = [
        Entry(code: 0x1301, name: "TLS_AES_128_GCM_SHA256"),
        Entry(code: 0x1302, name: "TLS_AES_256_GCM_SHA384"),
        Entry(code: 0x1303, name: "TLS_CHACHA20_POLY1305_SHA256"),
        Entry(code: 0x1304, name: "TLS_AES_128_CCM_SHA256"),
        Entry(code: 0x1305, name: "TLS_AES_128_CCM_8_SHA256"),
    ]

    /// Suites of SSL 3.0 to TLS 1.2.
    static let legacy: [Entry] = [
        // ECDHE with AEAD (RFC 5289, RFC 7905, RFC 7251, RFC 6209)
        Entry(code: 0xC02B, name: "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
        Entry(code: 0xC02F, name: "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
        Entry(code: 0xC02C, name: "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"),
        Entry(code: 0xC030, name: "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
        Entry(code: 0xCCA9, name: "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"),
        Entry(code: 0xCCA8, name: "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
        Entry(code: 0xC0AC, name: "TLS_ECDHE_ECDSA_WITH_AES_128_CCM"),
        Entry(code: 0xC0AD, name: "TLS_ECDHE_ECDSA_WITH_AES_256_CCM"),
        Entry(code: 0xC0AE, name: "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8"),
        Entry(code: 0xC0AF, name: "TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8"),
        Entry(code: 0xC05C, name: "TLS_ECDHE_ECDSA_WITH_ARIA_128_GCM_SHA256"),
        Entry(code: 0xC05D, name: "TLS_ECDHE_ECDSA_WITH_ARIA_256_GCM_SHA384"),
        Entry(code: 0xC060, name: "TLS_ECDHE_RSA_WITH_ARIA_128_GCM_SHA256"),
        Entry(code: 0xC061, name: "TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384"),
        // DHE with AEAD (RFC 5288, RFC 7905, RFC 6655)
        Entry(code: 0x009E, name: "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"),
        Entry(code: 0x009F, name: "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"),
        Entry(code: 0xCCAA, name: "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
        Entry(code: 0x00A2, name: "TLS_DHE_DSS_WITH_AES_128_GCM_SHA256"),
        Entry(code: 0x00A3, name: "TLS_DHE_DSS_WITH_AES_256_GCM_SHA384"),
        Entry(code: 0xC09E, name: "TLS_DHE_RSA_WITH_AES_128_CCM"),
        Entry(code: 0xC09F, name: "TLS_DHE_RSA_WITH_AES_256_CCM"),
        Entry(code: 0xC052, name: "TLS_DHE_RSA_WITH_ARIA_128_GCM_SHA256"),
        Entry(code: 0xC053, name: "TLS_DHE_RSA_WITH_ARIA_256_GCM_SHA384"),
        // ECDHE with CBC (RFC 8422, RFC 5289, RFC 6367)
        Entry(code: 0xC023, name: "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"),
        Entry(code: 0xC027, name: "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"),
        Entry(code: 0xC024, name: "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"),
        Entry(code: 0xC028, name: "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"),
        Entry(code: 0xC009, name: "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"),
        Entry(code: 0xC013, name: "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"),
        Entry(code: 0xC00A, name: "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"),
        Entry(code: 0xC014, name: "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"),
        Entry(code: 0xC072, name: "TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_CBC_SHA256"),
        Entry(code: 0xC073, name: "TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_CBC_SHA384"),
        Entry(code: 0xC076, name: "TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256"),
        Entry(code: 0xC077, name: "TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384"),
        Entry(code: 0xC008, name: "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA"),
        Entry(code: 0xC012, name: "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA"),
        // DHE with CBC (RFC 5246, RFC 5932)
        Entry(code: 0x0067, name: "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256"),
        Entry(code: 0x006B, name: "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256"),
        Entry(code: 0x0033, name: "TLS_DHE_RSA_WITH_AES_128_CBC_SHA"),
        Entry(code: 0x0039, name: "TLS_DHE_RSA_WITH_AES_256_CBC_SHA"),
        Entry(code: 0x0040, name: "TLS_DHE_DSS_WITH_AES_128_CBC_SHA256"),
        Entry(code: 0x006A, name: "TLS_DHE_DSS_WITH_AES_256_CBC_SHA256"),
        Entry(code: 0x0032, name: "TLS_DHE_DSS_WITH_AES_128_CBC_SHA"),
        Entry(code: 0x0038, name: "TLS_DHE_DSS_WITH_AES_256_CBC_SHA"),
        Entry(code: 0x00BE, name: "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA256"),
        Entry(code: 0x00C4, name: "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA256"),
        Entry(code: 0x0045, name: "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA"),
        Entry(code: 0x0088, name: "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA"),
        Entry(code: 0x0016, name: "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA"),
        Entry(code: 0x0013, name: "TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA"),
        // Static RSA key exchange (RFC 5246, RFC 5288, RFC 6655, RFC 5932, RFC 4162)
        Entry(code: 0x009C, name: "TLS_RSA_WITH_AES_128_GCM_SHA256"),
        Entry(code: 0x009D, name: "TLS_RSA_WITH_AES_256_GCM_SHA384"),
        Entry(code: 0xC09C, name: "TLS_RSA_WITH_AES_128_CCM"),
        Entry(code: 0xC09D, name: "TLS_RSA_WITH_AES_256_CCM"),
        Entry(code: 0xC0A0, name: "TLS_RSA_WITH_AES_128_CCM_8"),
        Entry(code: 0xC0A1, name: "TLS_RSA_WITH_AES_256_CCM_8"),
        Entry(code: 0xC050, name: "TLS_RSA_WITH_ARIA_128_GCM_SHA256"),
        Entry(code: 0xC051, name: "TLS_RSA_WITH_ARIA_256_GCM_SHA384"),
        Entry(code: 0x003C, name: "TLS_RSA_WITH_AES_128_CBC_SHA256"),
        Entry(code: 0x003D, name: "TLS_RSA_WITH_AES_256_CBC_SHA256"),
        Entry(code: 0x002F, name: "TLS_RSA_WITH_AES_128_CBC_SHA"),
        Entry(code: 0x0035, name: "TLS_RSA_WITH_AES_256_CBC_SHA"),
        Entry(code: 0x00BA, name: "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256"),
        Entry(code: 0x00C0, name: "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA256"),
        Entry(code: 0x0041, name: "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA"),
        Entry(code: 0x0084, name: "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA"),
        Entry(code: 0x0096, name: "TLS_RSA_WITH_SEED_CBC_SHA"),
        Entry(code: 0x000A, name: "TLS_RSA_WITH_3DES_EDE_CBC_SHA"),
        // Broken: RC4 (RFC 7465), single DES, export grade, NULL encryption, anonymous
        Entry(code: 0xC011, name: "TLS_ECDHE_RSA_WITH_RC4_128_SHA"),
        Entry(code: 0xC007, name: "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA"),
        Entry(code: 0x0005, name: "TLS_RSA_WITH_RC4_128_SHA"),
        Entry(code: 0x0004, name: "TLS_RSA_WITH_RC4_128_MD5"),
        Entry(code: 0x0009, name: "TLS_RSA_WITH_DES_CBC_SHA"),
        Entry(code: 0x0015, name: "TLS_DHE_RSA_WITH_DES_CBC_SHA"),
        Entry(code: 0x0012, name: "TLS_DHE_DSS_WITH_DES_CBC_SHA"),
        Entry(code: 0x0003, name: "TLS_RSA_EXPORT_WITH_RC4_40_MD5"),
        Entry(code: 0x0006, name: "TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5"),
        Entry(code: 0x0008, name: "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA"),
        Entry(code: 0x0014, name: "TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA"),
        Entry(code: 0x0011, name: "TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA"),
        Entry(code: 0xC010, name: "TLS_ECDHE_RSA_WITH_NULL_SHA"),
        Entry(code: 0xC006, name: "TLS_ECDHE_ECDSA_WITH_NULL_SHA"),
        Entry(code: 0x003B, name: "TLS_RSA_WITH_NULL_SHA256"),
        Entry(code: 0x0002, name: "TLS_RSA_WITH_NULL_SHA"),
        Entry(code: 0x0001, name: "TLS_RSA_WITH_NULL_MD5"),
        Entry(code: 0x0034, name: "TLS_DH_anon_WITH_AES_128_CBC_SHA"),
        Entry(code: 0x003A, name: "TLS_DH_anon_WITH_AES_256_CBC_SHA"),
        Entry(code: 0x001B, name: "TLS_DH_anon_WITH_3DES_EDE_CBC_SHA"),
        Entry(code: 0x0018, name: "TLS_DH_anon_WITH_RC4_128_MD5"),
        Entry(code: 0xC018, name: "TLS_ECDH_anon_WITH_AES_128_CBC_SHA"),
        Entry(code: 0xC019, name: "TLS_ECDH_anon_WITH_AES_256_CBC_SHA"),
    ]

    /// The ECDHE suites of `legacy`, which a probe for groups and signature schemes offers.
    static let ecdhe: [Entry] = legacy.filter { $0.name.hasPrefix("TLS_ECDHE_") }

    private static let byCode: [UInt16: Entry] = Dictionary(all.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })

    private static let byName: [String: Entry] = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

    /// The entry for `code`, if the catalog has it.
    static func entry(_ code: UInt16) -> Entry? { byCode[code] }

    /// The entry with IANA name `name`, if the catalog has it.
    static func entry(named name: String) -> Entry? { byName[name] }

    /// What is wrong with a suite, for a report: `insecure`, `no forward secrecy`, `CBC`.
    static func weaknesses(of name: String) -> [String] {
        guard let entry = byName[name], !entry.isTLS13 else { return [] }
        var weaknesses: [String] = []
        if entry.isInsecure { weaknesses.append("insecure") }
        if entry.isStaticRSA { weaknesses.append("no forward secrecy") }
        if entry.isCBC { weaknesses.append("CBC") }
        return weaknesses
    }

    /// The IANA name of `suite`, or `0x` and four hex digits for a code point the catalog lacks.
    static func name(_ suite: CipherSuite) -> String {
        if let entry = byCode[suite.rawValue] { return entry.name }
        let hex = String(suite.rawValue, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
