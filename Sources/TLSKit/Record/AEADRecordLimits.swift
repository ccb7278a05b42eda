/// How many records one TLS 1.3 traffic key may protect (RFC 8446, Section 5.5).
///
/// - AES-GCM: "up to 2^24.5 full-size records (about 24 million) may be encrypted on a given
///   connection while keeping a safety margin of approximately 2^-57 for Authenticated
///   Encryption (AE) security" (RFC 8446, Section 5.5). The confidentiality limit of
///   draft-irtf-cfrg-aead-limits (Section 5.1, "AEAD_AES_128_GCM and AEAD_AES_256_GCM") gives
///   the same order of magnitude for full-size (2^14 byte) records at an attacker advantage of 2^-57.
/// - ChaCha20-Poly1305: the 64-bit sequence number wraps before any confidentiality limit is
///   reached (RFC 8446, Section 5.5; draft-irtf-cfrg-aead-limits, Section 5.2.1, which puts no
///   practical limit on the records one key may protect). Its integrity limit (about 2^36
///   forgery attempts) does not apply to TLS over TCP, where a single failed record ends the
///   connection.
///
/// TLSKit updates its own write keys after `defaultUpdateThreshold` records (2^24, below the
/// AES-GCM hard limit with room for ~7 million more records), for every suite: a KeyUpdate
/// is cheap, and one number is simpler to reason about. It asks the peer to update its keys
/// after the same count of records received, and fails the connection if a peer sends more
/// than the hard limit under one key.
enum AEADRecordLimits {
    /// Records after which we update our write keys and ask the peer to update its own: 2^24.
    static let defaultUpdateThreshold: UInt64 = 1 << 24

    /// floor(2^24.5): the most records one AES-GCM key may protect (RFC 8446, Section 5.5).
    static let aesGCMHardLimit: UInt64 = 23_726_566

    /// The most records one key of `aead` may protect; sealing or opening one more is refused.
    static func hardLimit(for aead: CipherSuiteParameters.AEAD) -> UInt64 {
        switch aead {
        case .aes128GCM, .aes256GCM: aesGCMHardLimit
        // The sequence number itself is the limit (Section 5.3: it must not wrap).
        case .chaCha20Poly1305: UInt64.max
        }
    }
}
