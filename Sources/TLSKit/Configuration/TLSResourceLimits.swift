/// How much a peer may make a connection hold or do before it is refused. Each limit refuses
/// with the alert named below and a `TLSError` whose code is `.limitExceeded` and whose reason
/// names the setting to raise. The defaults leave room for every peer seen in practice.
///
/// Counts that are "in a row" start again when the peer sends application data with content:
/// a peer that keeps talking without sending data is refused, one that sends data is not.
public struct TLSResourceLimits: Sendable, Hashable {
    /// The largest handshake message other than Certificate (body length, RFC 8446, Section
    /// 4): 64 KiB. A larger one is refused with decode_error as soon as its header arrives,
    /// before its body is buffered.
    public var maximumHandshakeMessageSize = 64 * 1024
    /// The largest Certificate message (RFC 8446, Section 4.4.2; RFC 5246, Section 7.4.2):
    /// 128 KiB, for long chains with large RSA keys. Larger: decode_error.
    public var maximumCertificateMessageSize = 128 * 1024
    /// The most certificates in a Certificate message: 16. More: bad_certificate, before
    /// anything is parsed or verified.
    public var maximumCertificateChainLength = 16
    /// The most bytes of handshake, alert and change_cipher_spec records (headers included)
    /// read before the handshake completes: 512 KiB, several times the largest handshake the
    /// other limits allow. More: unexpected_message. 0-RTT data has its own bound
    /// (`TLSServerConfiguration.maxEarlyDataSize`).
    public var maximumHandshakeBytes = 512 * 1024
    /// The most empty application_data records in a row (RFC 5246, Section 6.2.1 allows them;
    /// each costs a decryption): 32. More: unexpected_message.
    public var maximumConsecutiveEmptyRecords = 32
    /// The most ignored warning alerts (user_canceled) in a row: 4. More: unexpected_message.
    public var maximumConsecutiveWarningAlerts = 4
    /// The most change_cipher_spec records on one connection: 4. TLS 1.2 uses one; TLS 1.3
    /// peers in middlebox compatibility mode send one, which is dropped (RFC 8446, Section
    /// 5). More: unexpected_message.
    public var maximumChangeCipherSpecs = 4
    /// The most KeyUpdate messages in a row (RFC 8446, Section 4.6.3): 32. More:
    /// unexpected_message.
    public var maximumConsecutiveKeyUpdates = 32
    /// The most post-handshake messages in a row (NewSessionTicket, KeyUpdate, a TLS 1.2
    /// HelloRequest): 64. More: unexpected_message.
    public var maximumConsecutivePostHandshakeMessages = 64
    /// How long the handshake may take before the connection is closed: 10 seconds; nil
    /// waits forever. The sans-I/O core reads no clock: TLSKitNIO's `TLSHandler` enforces it,
    /// and other drivers of `TLSConnection` should do the same.
    public var handshakeTimeout: Duration? = .seconds(10)

    /// The most extensions in one message's extension block, fixed for the decoders: 128
    /// (a browser's ClientHello carries about 20). More: decode_error.
    public static let maximumExtensionsPerMessage = 128

    /// The most entries in one list of a message, fixed for the decoders: 1024 (cipher suites,
    /// groups, signature schemes, versions, key shares, PSK identities and binders, ALPN and
    /// server names, certificate authorities, certificates, OCSP responder IDs; a scanner's
    /// ClientHello with every suite has about 300). More: decode_error.
    public static let maximumListEntries = 1024

    public init() {}

    /// The error for a limit the peer went past: `.limitExceeded`, the limit's alert, and a
    /// reason that names the setting to raise.
    static func exceeded(_ what: String, setting: String, alert: AlertDescription) -> TLSError {
        TLSError(code: .limitExceeded, reason: "\(what) (raise limits.\(setting) if this peer is legitimate)", alert: alert)
    }

    /// Throws once a list being decoded holds more than `maximumListEntries` entries.
    static func checkListEntries(_ count: Int, in list: String) throws {
        guard count <= maximumListEntries else {
            throw TLSError(
                code: .limitExceeded,
                reason: "the peer sent more than \(maximumListEntries) entries in \(list)",
                alert: .decodeError)
        }
    }
}
