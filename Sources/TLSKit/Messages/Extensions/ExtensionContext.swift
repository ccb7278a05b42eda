/// Where an extension block appears; decides how context-dependent extensions decode and
/// which extensions are allowed (RFC 8446, Section 4.2, the table of messages).
enum ExtensionContext: Hashable, Sendable {
    case clientHello
    case serverHello
    case helloRetryRequest
    case encryptedExtensions
    case certificate
    case certificateRequest
    case newSessionTicket

    /// The handshake message this context belongs to (for error messages).
    var handshakeType: HandshakeType {
        switch self {
        case .clientHello: .clientHello
        case .serverHello, .helloRetryRequest: .serverHello
        case .encryptedExtensions: .encryptedExtensions
        case .certificate: .certificate
        case .certificateRequest: .certificateRequest
        case .newSessionTicket: .newSessionTicket
        }
    }

    /// The allowed length of the whole `extensions` vector in this message.
    var blockLengthRange: ClosedRange<Int> {
        switch self {
        // RFC 8446 says <8..2^16-1> and <6..2^16-1>; TLS 1.2 hellos (RFC 5246) may carry an
        // empty block, and the version is only known after the block is read.
        case .clientHello, .serverHello, .helloRetryRequest: 0...0xFFFF
        case .encryptedExtensions, .certificate: 0...0xFFFF
        case .certificateRequest: 2...0xFFFF
        case .newSessionTicket: 0...0xFFFE
        }
    }
}
