import NIOCore

/// The record layer of one connection (RFC 8446, Section 5): deframes what the peer sends,
/// opens protected records, and fragments and seals what we send.
struct RecordLayer: Sendable {
    private var deframer = RecordDeframer()
    private(set) var readProtection: TLS13RecordProtection?
    private(set) var writeProtection: TLS13RecordProtection?

    init() {}

    /// Bytes received but not yet returned as records.
    var bufferedBytes: Int { deframer.bufferedBytes }

    /// Whether a plaintext alert is still accepted although read keys are set: from the first
    /// read keys until the first record opens with them. A peer that fails before it has
    /// switched its own write keys (a client rejecting the server's certificate, say) sends
    /// its alert in plaintext; OpenSSL accepts these the same way.
    private var allowsPlaintextAlerts = false

    /// Tests only: a lower limit on the records each read key may open.
    var readRecordLimit: UInt64? {
        didSet { if let readRecordLimit { readProtection?.recordLimit = readRecordLimit } }
    }

    /// Sets (or, with nil, clears) the keys for records from the peer.
    mutating func setReadProtection(_ protection: TLS13RecordProtection?) {
        var protection = protection
        if let readRecordLimit { protection?.recordLimit = readRecordLimit }
        if readProtection == nil, protection != nil, !hasOpenedProtectedRecord {
            allowsPlaintextAlerts = true
        }
        readProtection = protection
    }

    private var hasOpenedProtectedRecord = false

    /// Sets (or, with nil, clears) the keys for records we send.
    mutating func setWriteProtection(_ protection: TLS13RecordProtection?) { writeProtection = protection }

    /// Takes all readable bytes of `bytes` from the network.
    mutating func receive(_ bytes: inout ByteBuffer) { deframer.append(&bytes) }

    /// The next record's content, or nil when more bytes are needed.
    ///
    /// Before read keys are set records come up as sent (a TLSPlaintext fragment above 2^14
    /// bytes is a record_overflow). Afterwards application_data records are opened and their
    /// inner type returned; any other protected-phase record is refused except
    /// change_cipher_spec, which is passed up as-is for the state machine to drop
    /// (RFC 8446, Section 5 and Appendix D.4). A change_cipher_spec that is not the single
    /// byte 0x01, and an empty handshake or alert fragment, are an unexpected_message.
    mutating func nextPlaintext() throws -> (contentType: ContentType, fragment: ByteBuffer)? {
        while let record = try deframer.nextRecord() {
            if let plaintext = try plaintext(of: record) { return plaintext }
        }
        return nil
    }

    /// Early data the server rejected is skipped (RFC 8446, Section 4.2.10): records that do
    /// not open with the current keys, or application_data records while no keys are set
    /// (after a HelloRetryRequest), up to this many more bytes; nil when not skipping.
    private var rejectedEarlyDataBudget: Int?

    /// Starts skipping the client's rejected 0-RTT records, at most `limit` bytes of them;
    /// skipping ends at the first record that opens.
    mutating func skipRejectedEarlyData(limit: Int) {
        rejectedEarlyDataBudget = max(0, limit)
    }

    /// Counts a skipped record against the budget; beyond it, unexpected_message.
    private mutating func skipRejectedEarlyDataRecord(_ record: TLSRecord) throws {
        let budget = rejectedEarlyDataBudget ?? 0
        // The most plaintext the record can hold: without the tag and the inner content type.
        let size = max(0, record.fragment.readableBytes - 17)
        guard size <= budget else {
            throw PeerMisbehaved.unexpectedMessage("more rejected early data than max_early_data_size allows")
        }
        rejectedEarlyDataBudget = budget - size
    }

    /// One record's content, or nil when it was rejected early data and skipped.
    private mutating func plaintext(of record: TLSRecord) throws -> (contentType: ContentType, fragment: ByteBuffer)? {
        if record.contentType == .changeCipherSpec {
            guard record.fragment.readableBytes == 1, record.fragment.getInteger(at: record.fragment.readerIndex, as: UInt8.self) == 1 else {
                throw PeerMisbehaved.unexpectedMessage("a change_cipher_spec record other than the single byte 1")
            }
            return (record.contentType, record.fragment)
        }
        let contentType: ContentType
        let fragment: ByteBuffer
        if var protection = readProtection {
            if record.contentType == .alert, allowsPlaintextAlerts {
                guard record.fragment.readableBytes <= TLSRecord.maximumPlaintextLength else {
                    throw PeerMisbehaved.recordOverflow(record.fragment.readableBytes)
                }
                return (record.contentType, record.fragment)
            }
            guard record.contentType == .applicationData else {
                throw PeerMisbehaved.unexpectedMessage("an unprotected \(record.contentType) record after encryption started")
            }
            readProtection = nil
            defer { readProtection = protection }
            if rejectedEarlyDataBudget != nil {
                // Trial decryption: a record that does not open is skipped early data, and
                // does not advance the sequence number.
                let untouched = protection
                do {
                    (contentType, fragment) = try protection.open(record)
                    rejectedEarlyDataBudget = nil
                } catch PeerMisbehaved.badRecordMAC {
                    protection = untouched
                    try skipRejectedEarlyDataRecord(record)
                    return nil
                }
            } else {
                (contentType, fragment) = try protection.open(record)
            }
            allowsPlaintextAlerts = false
            hasOpenedProtectedRecord = true
            switch contentType {
            case .handshake, .alert, .applicationData: break
            default:
                throw PeerMisbehaved.unexpectedMessage("a protected record of content type \(contentType.rawValue)")
            }
        } else {
            if rejectedEarlyDataBudget != nil, record.contentType == .applicationData {
                try skipRejectedEarlyDataRecord(record)
                return nil
            }
            guard record.fragment.readableBytes <= TLSRecord.maximumPlaintextLength else {
                throw PeerMisbehaved.recordOverflow(record.fragment.readableBytes)
            }
            (contentType, fragment) = (record.contentType, record.fragment)
        }
        if fragment.readableBytes == 0, contentType == .handshake || contentType == .alert {
            throw PeerMisbehaved.unexpectedMessage("an empty \(contentType) record")
        }
        return (contentType, fragment)
    }

    /// Appends `data` to `output` as records of `contentType`, each fragment at most 2^14
    /// bytes, sealed once write keys are set; empty `data` writes nothing. Unprotected records carry `legacyVersion`
    /// (0x0303; 0x0301 is allowed for an initial ClientHello, RFC 8446, Section 5.1).
    mutating func write(
        contentType: ContentType, data: ByteBuffer, legacyVersion: ProtocolVersion = .tls12,
        into output: inout ByteBuffer
    ) throws {
        var remaining = data
        while remaining.readableBytes > 0 {
            let count = min(remaining.readableBytes, TLSRecord.maximumPlaintextLength)
            guard let fragment = remaining.readSlice(length: count) else { return }
            if var protection = writeProtection {
                writeProtection = nil
                defer { writeProtection = protection }
                try protection.seal(contentType: contentType, plaintext: fragment, into: &output)
            } else {
                output.writeInteger(contentType.rawValue)
                output.writeInteger(legacyVersion.rawValue)
                output.writeInteger(UInt16(count))
                output.writeImmutableBuffer(fragment)
            }
        }
    }

    /// Appends the middlebox-compatibility change_cipher_spec record `14 03 03 00 01 01`,
    /// always unprotected (RFC 8446, Appendix D.4).
    func writeChangeCipherSpec(into output: inout ByteBuffer) {
        output.writeInteger(ContentType.changeCipherSpec.rawValue)
        output.writeInteger(ProtocolVersion.tls12.rawValue)
        output.writeInteger(UInt16(1))
        output.writeInteger(UInt8(1))
    }
}
