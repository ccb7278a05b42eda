/// Bytes from the peer that do not parse (RFC 8446, Section 6.2: decode_error). The
/// `String` payloads name the field ("uint16", "handshake message", ...).
enum DecodeError: Error, Hashable, Sendable {
    case truncated(String)
    case lengthOutOfRange(String, Int)
    case trailingBytes(String, Int)
    case invalidValue(String)
    /// The same extension twice in one block (RFC 8446, Section 4.2).
    case duplicateExtension(ExtensionType)

    var alert: AlertDescription {
        switch self {
        case .duplicateExtension: .illegalParameter
        default: .decodeError
        }
    }

    var tlsError: TLSError {
        let reason: String
        switch self {
        case .truncated(let what):
            reason = "the peer sent a truncated \(what); the message is malformed"
        case .lengthOutOfRange(let what, let length):
            reason = "the peer sent a \(what) of \(length) bytes, outside the length the protocol allows"
        case .trailingBytes(let what, let count):
            reason = "the peer sent \(count) unexpected trailing bytes after a \(what)"
        case .invalidValue(let text):
            reason = "the peer sent an invalid value: \(text)"
        case .duplicateExtension(let type):
            reason = "the peer sent the \(type) extension twice in one message"
        }
        return TLSError(code: .decodeError, reason: reason, alert: alert)
    }
}
