import Crypto
import NIOCore

/// The protection of one direction of records, whatever the version: TLS 1.3 now (RFC 8446,
/// Section 5.2), TLS 1.2 AEAD later. The record layer seals and opens through it and reads
/// its counters; which version it is matters only inside.
enum RecordProtection: Sendable {
    case tls13(TLS13RecordProtection)

    /// TLS 1.3 protection with the keys of `trafficSecret` (RFC 8446, Section 7.3).
    static func tls13(parameters: CipherSuiteParameters, trafficSecret: SymmetricKey) -> RecordProtection {
        .tls13(TLS13RecordProtection(parameters: parameters, trafficSecret: trafficSecret))
    }

    /// The records sealed or opened so far with these keys.
    var sequenceNumber: UInt64 {
        switch self {
        case .tls13(let protection): protection.sequenceNumber
        }
    }

    /// The most records these keys may seal or open (RFC 8446, Section 5.5).
    var recordLimit: UInt64 {
        get {
            switch self {
            case .tls13(let protection): protection.recordLimit
            }
        }
        set {
            switch self {
            case .tls13(var protection):
                protection.recordLimit = newValue
                self = .tls13(protection)
            }
        }
    }

    /// The bytes protection adds to a record's content, besides the header: for TLS 1.3 the
    /// inner content type and the AEAD tag (RFC 8446, Section 5.2).
    var expansion: Int {
        switch self {
        case .tls13: TLS13RecordProtection.expansion
        }
    }

    /// Appends one protected record carrying `plaintext` (at most 2^14 bytes) as `contentType`.
    mutating func seal(contentType: ContentType, plaintext: ByteBuffer, into output: inout ByteBuffer) throws {
        switch self {
        case .tls13(var protection):
            defer { self = .tls13(protection) }
            try protection.seal(contentType: contentType, plaintext: plaintext, into: &output)
        }
    }

    /// Opens one protected record: its content type and content. A record that fails
    /// authentication throws `PeerMisbehaved.badRecordMAC`.
    mutating func open(_ record: TLSRecord) throws -> (contentType: ContentType, plaintext: ByteBuffer) {
        switch self {
        case .tls13(var protection):
            defer { self = .tls13(protection) }
            // Section 5: once keys are in use, every record is application_data outside.
            guard record.contentType == .applicationData else {
                throw PeerMisbehaved.unexpectedMessage("an unprotected \(record.contentType) record after encryption started")
            }
            return try protection.open(record)
        }
    }
}
