/// Counts what the peer sends against the connection's `TLSResourceLimits` and refuses what
/// goes past them, with a `.limitExceeded` error that carries the limit's alert. The counts
/// "in a row" start again when application data with content arrives.
struct PeerActivityCounter: Sendable {
    private let limits: TLSResourceLimits
    private var handshakeBytes = 0
    private var changeCipherSpecs = 0
    private var emptyRecordsInARow = 0
    private var warningAlertsInARow = 0
    private var keyUpdatesInARow = 0
    private var postHandshakeMessagesInARow = 0

    /// The bytes of a record header, counted with each record before the handshake completes,
    /// so that many tiny records cost what they occupy.
    private static let recordHeaderLength = 5

    init(limits: TLSResourceLimits) {
        self.limits = limits
    }

    /// A handshake, alert or change_cipher_spec record with `contentLength` bytes of content
    /// arrived before the handshake completed.
    mutating func countRecordBeforeCompletion(contentLength: Int) throws {
        handshakeBytes += contentLength + Self.recordHeaderLength
        try Self.check(
            handshakeBytes, limits.maximumHandshakeBytes, "bytes of handshake records before the handshake completed",
            setting: "maximumHandshakeBytes", alert: .unexpectedMessage)
    }

    /// A change_cipher_spec record (RFC 8446, Section 5; RFC 5246, Section 7.1).
    mutating func countChangeCipherSpec() throws {
        changeCipherSpecs += 1
        try Self.check(
            changeCipherSpecs, limits.maximumChangeCipherSpecs, "change_cipher_spec records",
            setting: "maximumChangeCipherSpecs", alert: .unexpectedMessage)
    }

    /// A warning alert that is ignored (user_canceled, RFC 8446, Section 6.1).
    mutating func countIgnoredWarningAlert() throws {
        warningAlertsInARow += 1
        try Self.check(
            warningAlertsInARow, limits.maximumConsecutiveWarningAlerts, "warning alerts in a row",
            setting: "maximumConsecutiveWarningAlerts", alert: .unexpectedMessage)
    }

    /// An application_data record with `byteCount` bytes of content: an empty one is counted,
    /// one with content starts every count "in a row" again.
    mutating func countApplicationData(byteCount: Int) throws {
        guard byteCount == 0 else {
            emptyRecordsInARow = 0
            warningAlertsInARow = 0
            keyUpdatesInARow = 0
            postHandshakeMessagesInARow = 0
            return
        }
        emptyRecordsInARow += 1
        try Self.check(
            emptyRecordsInARow, limits.maximumConsecutiveEmptyRecords, "empty records in a row",
            setting: "maximumConsecutiveEmptyRecords", alert: .unexpectedMessage)
    }

    /// A handshake message after the handshake completed (NewSessionTicket, KeyUpdate,
    /// HelloRequest, ...).
    mutating func countPostHandshakeMessage(isKeyUpdate: Bool) throws {
        postHandshakeMessagesInARow += 1
        try Self.check(
            postHandshakeMessagesInARow, limits.maximumConsecutivePostHandshakeMessages, "post-handshake messages in a row",
            setting: "maximumConsecutivePostHandshakeMessages", alert: .unexpectedMessage)
        guard isKeyUpdate else { return }
        keyUpdatesInARow += 1
        try Self.check(
            keyUpdatesInARow, limits.maximumConsecutiveKeyUpdates, "KeyUpdate messages in a row",
            setting: "maximumConsecutiveKeyUpdates", alert: .unexpectedMessage)
    }

    /// A Certificate message with `count` certificates, checked before any is parsed.
    func checkChainLength(_ count: Int) throws {
        try Self.check(
            count, limits.maximumCertificateChainLength, "certificates in one chain",
            setting: "maximumCertificateChainLength", alert: .badCertificate)
    }

    /// Throws once `count` is past `limit`: "the peer sent 33 empty records in a row; at most
    /// 32 are accepted (raise limits.maximumConsecutiveEmptyRecords if ...)".
    private static func check(
        _ count: Int, _ limit: Int, _ what: String, setting: String, alert: AlertDescription
    ) throws {
        guard count > limit else { return }
        throw TLSResourceLimits.exceeded(
            "the peer sent \(count) \(what); at most \(limit) are accepted", setting: setting, alert: alert)
    }
}
