import Crypto
import NIOCore

/// The protection of one direction of records, whatever the version: TLS 1.3 (RFC 8446,
/// Section 5.2) or TLS 1.2 AEAD (RFC 5246, Section 6.2.3.3). The record layer seals and opens
/// through it and reads its counters; which version it is matters only inside.
enum RecordProtection: RecordOpening, Sendable {
    case tls13(TLS13RecordProtection)
    case tls12(TLS12RecordProtection)

    /// TLS 1.3 protection with the keys of `trafficSecret` (RFC 8446, Section 7.3).
    static func tls13(parameters: CipherSuiteParameters, trafficSecret: SymmetricKey) -> RecordProtection {
        .tls13(TLS13RecordProtection(parameters: parameters, trafficSecret: trafficSecret))
    }

    /// The records sealed or opened so far with these keys.
    var sequenceNumber: UInt64 {
        switch self {
        case .tls13(let protection): protection.sequenceNumber
        case .tls12(let protection): protection.sequenceNumber
        }
    }

    /// The most records these keys may seal or open (RFC 8446, Section 5.5).
    var recordLimit: UInt64 {
        get {
            switch self {
            case .tls13(let protection): protection.recordLimit
            case .tls12(let protection): protection.recordLimit
            }
        }
        set {
            switch self {
            case .tls13(var protection):
                protection.recordLimit = newValue
                self = .tls13(protection)
            case .tls12(var protection):
                protection.recordLimit = newValue
                self = .tls12(protection)
            }
        }
    }

    /// The bytes protection adds to a record's content, besides the header: for TLS 1.3 the
    /// inner content type and the AEAD tag (RFC 8446, Section 5.2); for TLS 1.2 the explicit
    /// nonce (AES-GCM) and the tag (RFC 5288, RFC 7905).
    var expansion: Int {
        switch self {
        case .tls13: TLS13RecordProtection.expansion
        case .tls12(let protection): protection.expansion
        }
    }

    /// Whether an alert may still arrive in plaintext once these read keys are set, until the
    /// first record opens: in TLS 1.3 a peer that fails before switching its own keys sends
    /// one (see `RecordReadMode`); in TLS 1.2 the peer's ChangeCipherSpec came first, and its
    /// alerts are protected records of type alert.
    var allowsPlaintextAlerts: Bool {
        switch self {
        case .tls13: true
        case .tls12: false
        }
    }

    /// Appends one protected record carrying `plaintext` (at most 2^14 bytes) as `contentType`.
    mutating func seal(contentType: ContentType, plaintext: ByteBuffer, into output: inout ByteBuffer) throws {
        switch self {
        case .tls13(var protection):
            defer { self = .tls13(protection) }
            try protection.seal(contentType: contentType, plaintext: plaintext, into: &output)
        case .tls12(var protection):
            defer { self = .tls12(protection) }
            try protection.seal(contentType: contentType, plaintext: plaintext, into: &output)
        }
    }

    /// Opens one protected record, appends its content to `output` (nothing when it throws)
    /// and returns its content type. A record that fails authentication throws
    /// `PeerMisbehaved.badRecordMAC`.
    mutating func open(_ record: TLSRecord, appendingTo output: inout ByteBuffer) throws -> ContentType {
        switch self {
        case .tls13(var protection):
            defer { self = .tls13(protection) }
            // Section 5: once keys are in use, every record is application_data outside.
            guard record.contentType == .applicationData else {
                throw PeerMisbehaved.unexpectedMessage("an unprotected \(record.contentType) record after encryption started")
            }
            return try protection.open(record, appendingTo: &output)
        case .tls12(var protection):
            defer { self = .tls12(protection) }
            // RFC 5246, Section 6.2: the outer type is the real one; change_cipher_spec never
            // reaches here (the record layer passes it up unopened).
            return try protection.open(record, appendingTo: &output)
        }
    }
}
