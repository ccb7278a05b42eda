/// An extension code point (RFC 8446, Section 4.2; the TLS 1.2 ones from RFC 8422, 7627, 5077 and 5746).
public struct ExtensionType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let serverName = ExtensionType(rawValue: 0)
    public static let statusRequest = ExtensionType(rawValue: 5)
    public static let supportedGroups = ExtensionType(rawValue: 10)
    /// RFC 8422, Section 5.1.2 (TLS 1.2).
    public static let ecPointFormats = ExtensionType(rawValue: 11)
    public static let signatureAlgorithms = ExtensionType(rawValue: 13)
    public static let applicationLayerProtocolNegotiation = ExtensionType(rawValue: 16)
    public static let padding = ExtensionType(rawValue: 21)
    /// RFC 7627, Section 5.1 (TLS 1.2).
    public static let extendedMasterSecret = ExtensionType(rawValue: 23)
    /// RFC 5077, Section 3.2 (TLS 1.2).
    public static let sessionTicket = ExtensionType(rawValue: 35)
    public static let preSharedKey = ExtensionType(rawValue: 41)
    public static let earlyData = ExtensionType(rawValue: 42)
    public static let supportedVersions = ExtensionType(rawValue: 43)
    public static let cookie = ExtensionType(rawValue: 44)
    public static let pskKeyExchangeModes = ExtensionType(rawValue: 45)
    public static let certificateAuthorities = ExtensionType(rawValue: 47)
    public static let signatureAlgorithmsCert = ExtensionType(rawValue: 50)
    public static let keyShare = ExtensionType(rawValue: 51)
    /// RFC 5746, Section 3.2 (TLS 1.2).
    public static let renegotiationInfo = ExtensionType(rawValue: 0xFF01)

    public var description: String {
        switch rawValue {
        case 0: "server_name"
        case 5: "status_request"
        case 10: "supported_groups"
        case 11: "ec_point_formats"
        case 13: "signature_algorithms"
        case 16: "application_layer_protocol_negotiation"
        case 21: "padding"
        case 23: "extended_master_secret"
        case 35: "session_ticket"
        case 41: "pre_shared_key"
        case 42: "early_data"
        case 43: "supported_versions"
        case 44: "cookie"
        case 45: "psk_key_exchange_modes"
        case 47: "certificate_authorities"
        case 50: "signature_algorithms_cert"
        case 51: "key_share"
        case 0xFF01: "renegotiation_info"
        default: "extension(\(rawValue))"
        }
    }
}
