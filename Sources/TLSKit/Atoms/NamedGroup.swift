/// A key exchange group code point (RFC 8446, Section 4.2.7; draft-ietf-tls-ecdhe-mlkem).
public struct NamedGroup: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let secp256r1 = NamedGroup(rawValue: 0x0017)
    public static let secp384r1 = NamedGroup(rawValue: 0x0018)
    public static let secp521r1 = NamedGroup(rawValue: 0x0019)
    public static let x25519 = NamedGroup(rawValue: 0x001D)
    public static let x448 = NamedGroup(rawValue: 0x001E)
    public static let x25519MLKEM768 = NamedGroup(rawValue: 0x11EC)

    /// The groups this library implements.
    public static let supported: [NamedGroup] = [.x25519MLKEM768, .x25519, .secp256r1, .secp384r1]

    public var description: String {
        switch self {
        case .secp256r1: "secp256r1"
        case .secp384r1: "secp384r1"
        case .secp521r1: "secp521r1"
        case .x25519: "x25519"
        case .x448: "x448"
        case .x25519MLKEM768: "X25519MLKEM768"
        default: "0x" + String(rawValue, radix: 16)
        }
    }

    /// Parses a group name as openssl spells it (`X25519`, `P-256`, `secp384r1`, `X25519MLKEM768`).
    public init?(name: String) {
        switch name.lowercased() {
        case "x25519": self = .x25519
        case "p-256", "p256", "secp256r1", "prime256v1": self = .secp256r1
        case "p-384", "p384", "secp384r1": self = .secp384r1
        case "x25519mlkem768": self = .x25519MLKEM768
        default: return nil
        }
    }
}
