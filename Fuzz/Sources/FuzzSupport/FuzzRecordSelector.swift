/// The header of a FuzzRecordProtection input, shared with `FuzzSeeds`:
/// `[protection, content type, padding / 64, bit to flip] ++ content`.
/// Protections: 0-2 the TLS 1.3 suites (AES-128-GCM, AES-256-GCM, ChaCha20-Poly1305),
/// 3-5 TLS 1.2 ECDHE-ECDSA with the same AEADs. For TLS 1.2 a content type byte other than
/// 20-23 is taken modulo 4 into those.
public enum FuzzRecordSelector {
    public static let protectionCount = 6
    public static let headerLength = 4
}
