/// One of Mozilla's Server Side TLS configurations, as the SSL Configuration Generator
/// publishes them: modern and intermediate from guideline 6.0
/// (https://ssl-config.mozilla.org/guidelines/6.0.json, April 2026), old from 5.7
/// (https://ssl-config.mozilla.org/guidelines/5.7.json), the last guideline to define it.
///
/// Suite names are the IANA names of the OpenSSL names Mozilla lists; group names as TLSKit
/// prints them (`x25519`, `secp256r1` = prime256v1, `secp384r1`). The finite-field DH
/// parameter size of the profiles is not checked: a scan does not measure it.
struct MozillaProfile: Sendable, Hashable {
    var name: String
    /// The guideline version the profile comes from.
    var guideline: String
    /// `TLS 1.0` ... `TLS 1.3`, as `ScanReport.supportedVersions` spells them.
    var versions: [String]
    var cipherSuites: Set<String>
    var groups: Set<String>
    /// `ECDSA` and/or `RSA`.
    var certificateTypes: [String]
    /// Curves of an ECDSA certificate key.
    var certificateCurves: [String]
    /// The smallest RSA modulus, in bits.
    var minimumRSAKeyBits: Int
    /// Signature algorithms of the certificate, as OpenSSL names them.
    var certificateSignatures: [String]
    /// The longest notBefore-to-notAfter span, in days (modern 90, the others 366).
    var maximumCertificateLifespanDays: Int
    /// Whether the server should choose by its own suite order.
    var wantsServerPreferredOrder: Bool

    /// The current guideline, which modern and intermediate follow.
    static let guidelineVersion = "6.0"

    static let tls13Suites: Set<String> = ["TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"]

    /// Intermediate's TLS 1.2 suites in 6.0: ECDHE with AEAD only.
    static let intermediateTLS12Suites: Set<String> = [
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
    ]

    /// What 5.7's old adds to those: the DHE AEAD suites, CBC, static RSA and 3DES.

    static let oldExtraSuites: Set<String> = [
        "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
        "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
        "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
        "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256",
        "TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_RSA_WITH_AES_128_CBC_SHA256", "TLS_RSA_WITH_AES_256_CBC_SHA256",
        "TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_256_CBC_SHA",
        "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
    ]

    /// 6.0's groups (tls_curves); 5.7's lacked the hybrid.
    static let groups: Set<String> = ["X25519MLKEM768", "x25519", "secp256r1", "secp384r1"]

    /// Groups beyond a profile's list that are no deviation: the other post-quantum hybrids of
    /// draft-ietf-tls-ecdhe-mlkem, at least as strong as the curve each contains.
    static let hybridGroups: Set<String> = ["X25519MLKEM768", "SecP256r1MLKEM768", "SecP384r1MLKEM1024"]

    /// TLS 1.3 only, ECDSA certificates (Firefox 63, Android 10, Chrome 70, Safari 12.1 on).
    static let modern = MozillaProfile(
        name: "modern", guideline: "6.0", versions: ["TLS 1.3"], cipherSuites: tls13Suites, groups: groups,
        certificateTypes: ["ECDSA"], certificateCurves: ["P-256", "P-384"], minimumRSAKeyBits: 2048,
        certificateSignatures: ["ecdsa-with-SHA256", "ecdsa-with-SHA384", "ecdsa-with-SHA512"],
        maximumCertificateLifespanDays: 90, wantsServerPreferredOrder: false)

    /// TLS 1.2 and 1.3 with forward-secret AEAD suites: Mozilla's general recommendation.
    static let intermediate = MozillaProfile(
        name: "intermediate", guideline: "6.0", versions: ["TLS 1.2", "TLS 1.3"], cipherSuites: tls13Suites.union(intermediateTLS12Suites),
        groups: groups, certificateTypes: ["ECDSA", "RSA"], certificateCurves: ["P-256", "P-384"], minimumRSAKeyBits: 2048,
        certificateSignatures: ["sha256WithRSAEncryption", "ecdsa-with-SHA256", "ecdsa-with-SHA384", "ecdsa-with-SHA512"],
        maximumCertificateLifespanDays: 366, wantsServerPreferredOrder: false)

    /// TLS 1.0 to 1.3 with CBC and 3DES suites, RSA certificates: for very old clients only.
    static let old = MozillaProfile(
        name: "old", guideline: "5.7", versions: ["TLS 1.0", "TLS 1.1", "TLS 1.2", "TLS 1.3"],
        cipherSuites: tls13Suites.union(intermediateTLS12Suites).union(oldExtraSuites), groups: groups,
        certificateTypes: ["RSA"], certificateCurves: [], minimumRSAKeyBits: 2048,
        certificateSignatures: ["sha256WithRSAEncryption"],
        maximumCertificateLifespanDays: 366, wantsServerPreferredOrder: true)

    static let all: [MozillaProfile] = [modern, intermediate, old]
}
