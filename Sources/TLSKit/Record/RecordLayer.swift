import NIOCore

/// The record layer of one connection (RFC 8446, Section 5): deframes what the peer sends,
/// opens protected records, and fragments and seals what we send.
struct RecordLayer: Sendable {
    private var deframer = RecordDeframer()
    /// How records from the peer are read; the handshake's key events set it.
    private(set) var readMode: RecordReadMode = .plaintext
    private(set) var writeProtection: RecordProtection?

    init() {}

    /// Bytes received but not yet returned as records.
    var bufferedBytes: Int { deframer.bufferedBytes }

    /// The keys records from the peer are opened with, if any.
    var readProtection: RecordProtection? { readMode.protection }

    /// Tests only: a lower limit on the records each read key may open.
    var readRecordLimit: UInt64? {
        didSet {
            if let readRecordLimit, var protection = readMode.protection {
                protection.recordLimit = readRecordLimit
                readMode.changeKeys(to: protection)
            }
        }
    }

    /// Opens records from the peer with `protection` from now on.
    mutating func setReadProtection(_ protection: RecordProtection) {
        var protection = protection
        if let readRecordLimit { protection.recordLimit = readRecordLimit }
        readMode.changeKeys(to: protection)
    }

    /// Sets (or, with nil, clears) the keys for records we send.
    mutating func setWriteProtection(_ protection: RecordProtection?) { writeProtection = protection }

    /// Starts skipping the client's rejected 0-RTT records, at most `limit` bytes of them;
    /// skipping ends at the first record that opens (RFC 8446, Section 4.2.10).
    mutating func skipRejectedEarlyData(limit: Int) {
        readMode.skipRejectedEarlyData(limit: limit)
    }

    /// Takes all readable bytes of `bytes` from the network.
    mutating func receive(_ bytes: inout ByteBuffer) { deframer.append(&bytes) }

    /// The next record's content, or nil when more bytes are needed.
    ///
    /// Before read keys are set records come up as sent (a TLSPlaintext fragment above 2^14
    /// bytes is a record_overflow). Afterwards protected records are opened and their content
    /// type returned. change_cipher_spec, which is never protected, is passed up for the
    /// handshake to judge (RFC 8446, Section 5 and Appendix D.4). A change_cipher_spec that is
    /// not the single byte 0x01, and an empty handshake or alert fragment, are an unexpected_message.
    mutating func nextPlaintext() throws -> (contentType: ContentType, fragment: ByteBuffer)? {
        while let record = try deframer.nextRecord() {
            if let plaintext = try plaintext(of: record) { return plaintext }
        }
        return nil
    }

    /// `nextPlaintext()`, except that the content of an application_data record opened under
    /// the read keys is appended to `delivery`, and its fragment comes back nil. A protected
    /// TLS 1.3 record whose inner type is another comes back as its own fragment, as before.
    mutating func nextPlaintext(
        appendingApplicationDataTo delivery: inout ByteBuffer
    ) throws -> (contentType: ContentType, fragment: ByteBuffer?)? {
        while let record = try deframer.nextRecord() {
            guard record.contentType == .applicationData, case .protected(var protection, _) = readMode else {
                if let (contentType, fragment) = try plaintext(of: record) { return (contentType, fragment) }
                continue
            }
            readMode = .plaintext
            defer { readMode = .protected(protection, plaintextAlertsAllowed: false) }
            let start = delivery.writerIndex
            let contentType = try protection.open(record, appendingTo: &delivery)
            if contentType == .applicationData { return (contentType, nil) }
            // Rare after the handshake (NewSessionTicket, KeyUpdate, an alert): moved out of
            // the delivery buffer into one of its own.
            var fragment = ByteBufferAllocator().buffer(capacity: delivery.writerIndex - start)
            fragment.writeImmutableBuffer(delivery.getSlice(at: start, length: delivery.writerIndex - start) ?? ByteBuffer())
            delivery.moveWriterIndex(to: start)
            return try checkedProtectedContent(contentType, fragment)
        }
        return nil
    }

    /// One record's content, or nil when it was rejected early data and skipped.
    private mutating func plaintext(of record: TLSRecord) throws -> (contentType: ContentType, fragment: ByteBuffer)? {
        if record.contentType == .changeCipherSpec {
            guard record.fragment.readableBytes == 1, record.fragment.getInteger(at: record.fragment.readerIndex, as: UInt8.self) == 1 else {
                throw PeerMisbehaved.unexpectedMessage("a change_cipher_spec record other than the single byte 1")
            }
            return (record.contentType, record.fragment)
        }
        let opened: (contentType: ContentType, plaintext: ByteBuffer)
        switch readMode {
        case .plaintext:
            return try unprotected(record)
        case .protected(var protection, let plaintextAlertsAllowed):
            if record.contentType == .alert, plaintextAlertsAllowed { return try plaintextAlert(record) }
            readMode = .plaintext
            defer { readMode = .protected(protection, plaintextAlertsAllowed: false) }
            opened = try protection.open(record)
        case .skippingRejectedEarlyData(nil, let budget):
            // After a HelloRetryRequest (RFC 8446, Section 4.2.10) early data is skipped until
            // the second ClientHello; what follows it is under the handshake keys, or refused.
            guard record.contentType == .applicationData else {
                if record.contentType == .handshake { readMode = .plaintext }
                return try unprotected(record)
            }
            readMode = .skippingRejectedEarlyData(nil, budget: try Self.skip(record, budget: budget, expansion: TLS13RecordProtection.expansion))
            return nil
        case .skippingRejectedEarlyData(let protection?, let budget):
            if record.contentType == .alert { return try plaintextAlert(record) }
            // Trial decryption: a record that does not open is skipped early data, and does
            // not advance the sequence number.
            var trial = protection
            do {
                opened = try trial.open(record)
            } catch PeerMisbehaved.badRecordMAC {
                readMode = .skippingRejectedEarlyData(
                    protection, budget: try Self.skip(record, budget: budget, expansion: protection.expansion))
                return nil
            }
            readMode = .protected(trial, plaintextAlertsAllowed: false)
        }
        return try checkedProtectedContent(opened.contentType, opened.plaintext)
    }

    /// A protected record's content: of a type that may be protected, and not an empty
    /// handshake or alert record.
    private func checkedProtectedContent(
        _ contentType: ContentType, _ fragment: ByteBuffer
    ) throws -> (contentType: ContentType, fragment: ByteBuffer) {
        switch contentType {
        case .handshake, .alert, .applicationData: break
        default:
            throw PeerMisbehaved.unexpectedMessage("a protected record of content type \(contentType.rawValue)")
        }
        return try nonEmpty(contentType, fragment)
    }

    /// A record taken as sent: at most 2^14 bytes (RFC 8446, Section 5.1).
    private func unprotected(_ record: TLSRecord) throws -> (contentType: ContentType, fragment: ByteBuffer) {
        guard record.fragment.readableBytes <= TLSRecord.maximumPlaintextLength else {
            throw PeerMisbehaved.recordOverflow(record.fragment.readableBytes)
        }
        return try nonEmpty(record.contentType, record.fragment)
    }

    /// An alert sent in plaintext although read keys are set (see `RecordReadMode.protected`).
    private func plaintextAlert(_ record: TLSRecord) throws -> (contentType: ContentType, fragment: ByteBuffer) {
        guard record.fragment.readableBytes <= TLSRecord.maximumPlaintextLength else {
            throw PeerMisbehaved.recordOverflow(record.fragment.readableBytes)
        }
        return (record.contentType, record.fragment)
    }

    /// Section 5.1: handshake and alert records are never empty.
    private func nonEmpty(_ contentType: ContentType, _ fragment: ByteBuffer) throws -> (contentType: ContentType, fragment: ByteBuffer) {
        if fragment.readableBytes == 0, contentType == .handshake || contentType == .alert {
            throw PeerMisbehaved.unexpectedMessage("an empty \(contentType) record")
        }
        return (contentType, fragment)
    }

    /// The budget left after skipping `record`: it counts the most plaintext the record can
    /// hold (without what protection adds); beyond the budget, unexpected_message.
    private static func skip(_ record: TLSRecord, budget: Int, expansion: Int) throws -> Int {
        let size = max(0, record.fragment.readableBytes - expansion)
        guard size <= budget else {
            throw PeerMisbehaved.unexpectedMessage("more rejected early data than max_early_data_size allows")
        }
        return budget - size
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
