/// The downgrade sentinels of RFC 8446, Section 4.1.3: a server that speaks TLS 1.3 but
/// negotiates an older version sets the last 8 bytes of ServerHello.random to
/// `44 4F 57 4E 47 52 44 01` (TLS 1.2) or `44 4F 57 4E 47 52 44 00` (TLS 1.1 or older). A
/// client that offered TLS 1.3 and sees one knows the ClientHello was tampered with. TLSKit's
/// server sets the TLS 1.2 one whenever it also speaks TLS 1.3.
enum DowngradeSentinel: CustomStringConvertible {
    case tls12
    case tls11OrBelow

    /// "DOWNGRD" followed by the version byte.
    static let prefix: [UInt8] = [0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44]

    /// The 8 bytes that end the server's random.
    var bytes: [UInt8] {
        switch self {
        case .tls12: Self.prefix + [0x01]
        case .tls11OrBelow: Self.prefix + [0x00]
        }
    }

    /// The sentinel at the end of `serverRandom`, or nil when there is none.
    init?(serverRandom: [UInt8]) {
        guard serverRandom.count == 32, serverRandom[24..<31].elementsEqual(Self.prefix) else { return nil }
        switch serverRandom[31] {
        case 0x01: self = .tls12
        case 0x00: self = .tls11OrBelow
        default: return nil
        }
    }

    var description: String {
        switch self {
        case .tls12: "TLS 1.2 (44 4F 57 4E 47 52 44 01)"
        case .tls11OrBelow: "TLS 1.1 (44 4F 57 4E 47 52 44 00)"
        }
    }
}
