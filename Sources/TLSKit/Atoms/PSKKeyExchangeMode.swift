/// A PSK key exchange mode (RFC 8446, Section 4.2.9).
public struct PSKKeyExchangeMode: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let pskKE = PSKKeyExchangeMode(rawValue: 0)
    public static let pskDHEKE = PSKKeyExchangeMode(rawValue: 1)
}
