/// What the first byte of a FuzzMessages input decodes the rest as, shared with `FuzzSeeds`.
///
/// Below 128: a handshake body, of `handshakeTypes[n % 14]` in form `n / 14` (n = byte % 56).
/// From 128: an extensions block in context `(byte - 128) % 7` (the order of `contexts` in
/// FuzzMessages: ClientHello, ServerHello, HelloRetryRequest, EncryptedExtensions,
/// Certificate, CertificateRequest, NewSessionTicket).
public enum FuzzMessageSelector: Equatable, Sendable {
    case message(type: UInt8, form: Form)
    case extensions(context: Int)

    /// The body form `HandshakeMessage.decode(type:body:form:)` is called with.
    public enum Form: Int, CaseIterable, Sendable {
        case tls13
        /// TLS 1.2 before the suite is known (ClientKeyExchange is then refused).
        case tls12
        case tls12ECDHE
        case tls12RSA
    }

    /// Every type that has a decoder in one form or the other.
    public static let handshakeTypes: [UInt8] = [0, 1, 2, 4, 5, 8, 11, 12, 13, 14, 15, 16, 20, 24]
    public static let extensionContextCount = 7

    public init(_ byte: UInt8) {
        if byte < 128 {
            let index = Int(byte) % (Self.handshakeTypes.count * Form.allCases.count)
            self = .message(
                type: Self.handshakeTypes[index % Self.handshakeTypes.count],
                form: Form(rawValue: index / Self.handshakeTypes.count) ?? .tls13)
        } else {
            self = .extensions(context: Int(byte - 128) % Self.extensionContextCount)
        }
    }

    /// The byte that selects this; nil for a type without a decoder.
    public var byte: UInt8? {
        switch self {
        case .message(let type, let form):
            guard let index = Self.handshakeTypes.firstIndex(of: type) else { return nil }
            return UInt8(form.rawValue * Self.handshakeTypes.count + index)
        case .extensions(let context):
            return UInt8(128 + context % Self.extensionContextCount)
        }
    }
}
