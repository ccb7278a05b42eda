/// An alert description (RFC 8446, Section 6; RFC 5246, Section 7.2).
public struct AlertDescription: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let closeNotify = AlertDescription(rawValue: 0)
    public static let unexpectedMessage = AlertDescription(rawValue: 10)
    public static let badRecordMAC = AlertDescription(rawValue: 20)
    public static let recordOverflow = AlertDescription(rawValue: 22)
    public static let handshakeFailure = AlertDescription(rawValue: 40)
    public static let badCertificate = AlertDescription(rawValue: 42)
    public static let unsupportedCertificate = AlertDescription(rawValue: 43)
    public static let certificateRevoked = AlertDescription(rawValue: 44)
    public static let certificateExpired = AlertDescription(rawValue: 45)
    public static let certificateUnknown = AlertDescription(rawValue: 46)
    public static let illegalParameter = AlertDescription(rawValue: 47)
    public static let unknownCA = AlertDescription(rawValue: 48)
    public static let accessDenied = AlertDescription(rawValue: 49)
    public static let decodeError = AlertDescription(rawValue: 50)
    public static let decryptError = AlertDescription(rawValue: 51)
    public static let protocolVersion = AlertDescription(rawValue: 70)
    public static let insufficientSecurity = AlertDescription(rawValue: 71)
    public static let internalError = AlertDescription(rawValue: 80)
    public static let inappropriateFallback = AlertDescription(rawValue: 86)
    public static let userCanceled = AlertDescription(rawValue: 90)
    /// A warning in TLS 1.2: the sender refuses to renegotiate (RFC 5246, Section 7.2.2).
    public static let noRenegotiation = AlertDescription(rawValue: 100)
    public static let missingExtension = AlertDescription(rawValue: 109)
    public static let unsupportedExtension = AlertDescription(rawValue: 110)
    public static let unrecognizedName = AlertDescription(rawValue: 112)
    public static let badCertificateStatusResponse = AlertDescription(rawValue: 113)
    public static let unknownPSKIdentity = AlertDescription(rawValue: 115)
    public static let certificateRequired = AlertDescription(rawValue: 116)
    public static let noApplicationProtocol = AlertDescription(rawValue: 120)

    public var description: String {
        switch rawValue {
        case 0: "close_notify"
        case 10: "unexpected_message"
        case 20: "bad_record_mac"
        case 22: "record_overflow"
        case 40: "handshake_failure"
        case 42: "bad_certificate"
        case 43: "unsupported_certificate"
        case 44: "certificate_revoked"
        case 45: "certificate_expired"
        case 46: "certificate_unknown"
        case 47: "illegal_parameter"
        case 48: "unknown_ca"
        case 49: "access_denied"
        case 50: "decode_error"
        case 51: "decrypt_error"
        case 70: "protocol_version"
        case 71: "insufficient_security"
        case 80: "internal_error"
        case 86: "inappropriate_fallback"
        case 90: "user_canceled"
        case 100: "no_renegotiation"
        case 109: "missing_extension"
        case 110: "unsupported_extension"
        case 112: "unrecognized_name"
        case 113: "bad_certificate_status_response"
        case 115: "unknown_psk_identity"
        case 116: "certificate_required"
        case 120: "no_application_protocol"
        default: "alert(\(rawValue))"
        }
    }
}
