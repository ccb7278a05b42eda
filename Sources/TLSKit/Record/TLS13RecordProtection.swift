import Crypto
import Foundation
import NIOCore

/// TLS 1.3 record protection for one direction (RFC 8446, Section 5.2 and 5.3).
///
/// Each record is sealed with the AEAD of the suite under the traffic key, with the nonce
/// `iv XOR (64-bit sequence number, left-padded)` and the record header as additional data.
/// The inner plaintext is `content || content type || zero padding`.
struct TLS13RecordProtection: RecordOpening, Sendable {
    private let cipher: RecordAEAD
    /// The first 4 bytes of the IV (never touched by the sequence number).
    private let ivHigh: UInt32
    /// The last 8 bytes of the IV, big-endian, XORed with the sequence number.
    private let ivLow: UInt64
    /// The number of records sealed or opened so far with these keys.
    private(set) var sequenceNumber: UInt64 = 0
    /// The most records these keys may seal or open (RFC 8446, Section 5.5; see
    /// `AEADRecordLimits`). Settable so tests can reach it.
    var recordLimit: UInt64

    static let tagLength = 16
    /// What protection adds to a record's content: the inner content type and the tag.
    static let expansion = 1 + tagLength

    init(parameters: CipherSuiteParameters, trafficSecret: SymmetricKey) {
        self.init(parameters: parameters, keys: TrafficKeys(parameters: parameters, secret: trafficSecret))
    }

    init(parameters: CipherSuiteParameters, keys: TrafficKeys) {
        recordLimit = AEADRecordLimits.hardLimit(for: parameters.aead)
        cipher = RecordAEAD(parameters.aead, key: keys.key)
        var high: UInt32 = 0
        var low: UInt64 = 0
        for (index, byte) in keys.iv.prefix(12).enumerated() {
            if index < 4 {
                high = high << 8 | UInt32(byte)
            } else {
                low = low << 8 | UInt64(byte)
            }
        }
        ivHigh = high
        ivLow = low
    }

    /// Appends one TLSCiphertext record carrying `plaintext` (at most 2^14 bytes) as
    /// `contentType`, with `paddingLength` zero bytes of padding, to `output`.
    mutating func seal(
        contentType: ContentType, plaintext: ByteBuffer, paddingLength: Int = 0, into output: inout ByteBuffer
    ) throws {
        guard plaintext.readableBytes <= TLSRecord.maximumPlaintextLength, paddingLength >= 0 else {
            throw TLSError(code: .internalError, reason: "a record to seal is longer than 2^14 bytes")
        }
        let innerLength = plaintext.readableBytes + 1 + paddingLength
        guard innerLength <= TLSRecord.maximumPlaintextLength + 1 else {
            throw TLSError(code: .internalError, reason: "a record's content, type and padding would exceed 2^14 + 1 bytes")
        }
        guard sequenceNumber < recordLimit else {
            throw TLSError(
                code: .internalError,
                reason: "\(sequenceNumber) records were sealed under one key, the limit for this cipher (RFC 8446, Section 5.5); the keys must be updated first")
        }
        let sequence = try nextSequenceNumber()

        // Header, then the inner plaintext in place; the AEAD reads both from `output`.
        let headerStart = output.writerIndex
        output.writeInteger(ContentType.applicationData.rawValue)
        output.writeInteger(ProtocolVersion.tls12.rawValue)
        output.writeInteger(UInt16(innerLength + Self.tagLength))
        let innerStart = output.writerIndex
        output.writeImmutableBuffer(plaintext)
        output.writeInteger(contentType.rawValue)
        if paddingLength > 0 { output.writeRepeatingByte(0, count: paddingLength) }

        let sealed: (ciphertext: Data, tag: Data)
        do {
            sealed = try output.withUnsafeReadableBytes { readable in
                let offset = headerStart - output.readerIndex
                let header = UnsafeRawBufferPointer(rebasing: readable[offset..<(offset + TLSRecord.headerLength)])
                let inner = UnsafeRawBufferPointer(
                    rebasing: readable[(offset + TLSRecord.headerLength)..<(offset + TLSRecord.headerLength + innerLength)])
                return try withNonce(sequence) { nonce in
                    try cipher.seal(inner, nonce: nonce, authenticating: header)
                }
            }
        } catch {
            output.moveWriterIndex(to: headerStart)
            throw TLSError(code: .internalError, reason: "sealing a record failed: \(error)")
        }
        output.moveWriterIndex(to: innerStart)
        sealed.ciphertext.withUnsafeBytes { _ = output.writeBytes($0) }
        sealed.tag.withUnsafeBytes { _ = output.writeBytes($0) }
    }

    /// Opens a TLSCiphertext record (outer type application_data), appends its content
    /// (padding removed) to `output` and returns the inner content type; appends nothing
    /// when it throws.
    ///
    /// Throws `PeerMisbehaved.recordOverflow` for a fragment above 2^14 + 256 bytes or an
    /// inner plaintext (content, type and padding) above 2^14 + 1 (Section 5.4),
    /// `.badRecordMAC` when authentication fails, and `.unexpectedMessage` when the inner
    /// plaintext has no content type (all zeros).
    mutating func open(_ record: TLSRecord, appendingTo output: inout ByteBuffer) throws -> ContentType {
        let length = record.fragment.readableBytes
        guard length <= TLSRecord.maximumCiphertextLength else { throw PeerMisbehaved.recordOverflow(length) }
        guard length > Self.tagLength else { throw PeerMisbehaved.badRecordMAC }
        guard sequenceNumber < recordLimit else { throw PeerMisbehaved.tooManyRecords(limit: recordLimit) }
        let sequence = try nextSequenceNumber()

        var header: (UInt8, UInt8, UInt8, UInt8, UInt8) = (
            record.contentType.rawValue,
            UInt8(truncatingIfNeeded: record.legacyVersion.rawValue >> 8),
            UInt8(truncatingIfNeeded: record.legacyVersion.rawValue),
            UInt8(truncatingIfNeeded: length >> 8),
            UInt8(truncatingIfNeeded: length)
        )
        let opened: Data
        do {
            opened = try withUnsafeBytes(of: &header) { headerBytes in
                try record.fragment.withUnsafeReadableBytes { fragment in
                    let ciphertext = UnsafeRawBufferPointer(rebasing: fragment[..<(length - Self.tagLength)])
                    let tag = UnsafeRawBufferPointer(rebasing: fragment[(length - Self.tagLength)...])
                    return try withNonce(sequence) { nonce in
                        try cipher.open(ciphertext, tag: tag, nonce: nonce, authenticating: headerBytes)
                    }
                }
            }
        } catch {
            throw PeerMisbehaved.badRecordMAC
        }

        return try opened.withUnsafeBytes { inner -> ContentType in
            // Section 5.4: content, type and padding together are at most 2^14 + 1 bytes.
            guard inner.count <= TLSRecord.maximumPlaintextLength + 1 else {
                throw PeerMisbehaved.recordOverflow(inner.count)
            }
            // The content type is the last non-zero byte (RFC 8446, Section 5.4).
            var typeIndex = inner.count - 1
            while typeIndex >= 0, inner[typeIndex] == 0 { typeIndex -= 1 }
            guard typeIndex >= 0 else {
                throw PeerMisbehaved.unexpectedMessage("a protected record without a content type (all padding)")
            }
            output.writeBytes(UnsafeRawBufferPointer(rebasing: inner[..<typeIndex]))
            return ContentType(rawValue: inner[typeIndex])
        }
    }

    /// Returns the current sequence number and advances it; refuses to wrap (RFC 8446, Section 5.3).
    private mutating func nextSequenceNumber() throws -> UInt64 {
        guard sequenceNumber < UInt64.max else {
            throw TLSError(code: .internalError, reason: "the record sequence number is exhausted; the keys must be updated")
        }
        defer { sequenceNumber += 1 }
        return sequenceNumber
    }

    /// Calls `body` with the 12-byte per-record nonce (RFC 8446, Section 5.3), built on the stack.
    private func withNonce<T>(_ sequence: UInt64, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        let low = ivLow ^ sequence
        var nonce = (ivHigh.bigEndian, UInt32(truncatingIfNeeded: low >> 32).bigEndian, UInt32(truncatingIfNeeded: low).bigEndian)
        return try withUnsafeBytes(of: &nonce) { try body($0) }
    }
}
