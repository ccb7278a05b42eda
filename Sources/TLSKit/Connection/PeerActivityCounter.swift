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
        guard handshakeBytes <= limits.maximumHandshakeBytes else {
            throw Self.exceeded(
                "the peer sent more than \(limits.maximumHandshakeBytes) bytes of handshake records without completing the handshake",
                setting: "maximumHandshakeBytes", alert: .unexpectedMessage)
        }
    }

    /// A change_cipher_spec record (RFC 8446, Section 5; RFC 5246, Section 7.1).
    mutating func countChangeCipherSpec() throws {
        changeCipherSpecs += 1
        guard changeCipherSpecs <= limits.maximumChangeCipherSpecs else {
            throw Self.exceeded(
                "the peer sent \(changeCipherSpecs) change_cipher_spec records; at most \(limits.maximumChangeCipherSpecs) are accepted",
                setting: "maximumChangeCipherSpecs", alert: .unexpectedMessage)
        }
    }

    /// A warning alert that is ignored (user_canceled, RFC 8446, Section 6.1).
    mutating func countIgnoredWarningAlert() throws {
        warningAlertsInARow += 1
        guard warningAlertsInARow <= limits.maximumConsecutiveWarningAlerts else {
            throw Self.exceeded(
                "the peer sent \(warningAlertsInARow) warning alerts in a row; at most \(limits.maximumConsecutiveWarningAlerts) are accepted",
                setting: "maximumConsecutiveWarningAlerts", alert: .unexpectedMessage)
        }
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
        guard emptyRecordsInARow <= limits.maximumConsecutiveEmptyRecords else {
            throw Self.exceeded(
                "the peer sent \(emptyRecordsInARow) empty records in a row; at most \(limits.maximumConsecutiveEmptyRecords) are accepted",
                setting: "maximumConsecutiveEmptyRecords", alert: .unexpectedMessage)
        }
    }

    /// A handshake message after the handshake completed (NewSessionTicket, KeyUpdate,
    /// HelloRequest, ...).
    mutating func countPostHandshakeMessage(isKeyUpdate: Bool) throws {
        postHandshakeMessagesInARow += 1
        guard postHandshakeMessagesInARow <= limits.maximumConsecutivePostHandshakeMessages else {
            throw Self.exceeded(
                "the peer sent \(postHandshakeMessagesInARow) post-handshake messages in a row; at most \(limits.maximumConsecutivePostHandshakeMessages) are accepted",
                setting: "maximumConsecutivePostHandshakeMessages", alert: .unexpectedMessage)
        }
        guard isKeyUpdate else { return }
        keyUpdatesInARow += 1
        guard keyUpdatesInARow <= limits.maximumConsecutiveKeyUpdates else {
            throw Self.exceeded(
                "the peer sent \(keyUpdatesInARow) KeyUpdate messages in a row; at most \(limits.maximumConsecutiveKeyUpdates) are accepted",
                setting: "maximumConsecutiveKeyUpdates", alert: .unexpectedMessage)
        }
    }

    /// A Certificate message with `count` certificates, checked before any is parsed.
    func checkChainLength(_ count: Int) throws {
        guard count <= limits.maximumCertificateChainLength else {
            throw Self.exceeded(
                "the peer sent a chain of \(count) certificates; at most \(limits.maximumCertificateChainLength) are accepted",
                setting: "maximumCertificateChainLength", alert: .badCertificate)
        }
    }

    private static func exceeded(_ what: String, setting: String, alert: AlertDescription) -> TLSError {
        TLSError(code: .limitExceeded, reason: "\(what) (raise limits.\(setting) if this peer is legitimate)", alert: alert)
    }
}
