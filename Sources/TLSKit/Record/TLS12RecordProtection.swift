import Crypto
import Foundation
import NIOCore

/// TLS 1.2 AEAD record protection for one direction (RFC 5246, Section 6.2.3.3).
///
/// - AES-GCM (RFC 5288, Section 3): the nonce is the 4-byte `salt` (the write IV of the key
///   block) followed by an 8-byte `nonce_explicit` that starts each record's fragment; this
///   side uses the sequence number as the explicit part.
/// - ChaCha20-Poly1305 (RFC 7905, Section 2): the nonce is the 12-byte write IV XOR the
///   left-padded sequence number; nothing of it is sent.
///
/// The additional data is `seq_num (8) || type (1) || version (2) || length (2)`, with the
/// plaintext length. The record carries its real content type: no inner type, no padding.
struct TLS12RecordProtection: RecordOpening, Sendable {
    private let cipher: RecordAEAD
    /// The first 4 bytes of the nonce: the GCM salt, or the start of the ChaCha20 IV.
    private let ivHigh: UInt32
    /// The last 8 bytes of the ChaCha20 IV, big-endian, XORed with the sequence number; 0 for GCM.
    private let ivLow: UInt64
    /// 8 for AES-GCM, 0 for ChaCha20-Poly1305.
    private let explicitNonceLength: Int
    /// The number of records sealed or opened so far with these keys.
    private(set) var sequenceNumber: UInt64 = 0
    /// The most records these keys may seal or open: the AEAD limits of `AEADRecordLimits`,
    /// which hold for TLS 1.2 too. TLS 1.2 has no KeyUpdate, so reaching the limit ends the
    /// connection. Settable so tests can reach it.
    var recordLimit: UInt64

    static let tagLength = 16

    /// The bytes protection adds to a record's content: the explicit nonce and the tag.
    var expansion: Int { explicitNonceLength + Self.tagLength }
    /// The largest TLS 1.2 TLSCiphertext fragment: 2^14 + 2048 (RFC 5246, Section 6.2.3).
    static let maximumCiphertextLength = (1 << 14) + 2048

    /// Keys for one direction: `key` and `fixedIV` are the client_write_* or server_write_*
    /// values of the key block; `fixedIV` must be `parameters.fixedIVLength` bytes long.
    init(parameters: CipherSuiteParameters, key: SymmetricKey, fixedIV: [UInt8]) {
        recordLimit = AEADRecordLimits.hardLimit(for: parameters.aead)
        cipher = RecordAEAD(parameters.aead, key: key)
        explicitNonceLength = parameters.explicitNonceLength
        var high: UInt32 = 0
        var low: UInt64 = 0
        for (index, byte) in fixedIV.prefix(12).enumerated() {
            if index < 4 {
                high = high << 8 | UInt32(byte)
            } else {
                low = low << 8 | UInt64(byte)
            }
        }
        ivHigh = high
        ivLow = low
    }

    /// The protection of the records `writer` sends: for sealing on that side, for opening
    /// on the other.
    init(parameters: CipherSuiteParameters, keyBlock: TLS12KeyBlock, writer: TLSRole) {
        let keys = keyBlock.writeKeys(for: writer)
        self.init(parameters: parameters, key: keys.key, fixedIV: keys.iv)
    }

    /// Appends one TLSCiphertext record carrying `plaintext` (at most 2^14 bytes) as
    /// `contentType` to `output`: the header, the explicit nonce (AES-GCM), the ciphertext
    /// and the tag.
    mutating func seal(contentType: ContentType, plaintext: ByteBuffer, into output: inout ByteBuffer) throws {
        let plaintextLength = plaintext.readableBytes
        guard plaintextLength <= TLSRecord.maximumPlaintextLength else {
            throw TLSError(code: .internalError, reason: "a record to seal is longer than 2^14 bytes")
        }
        guard sequenceNumber < recordLimit else {
            throw TLSError(
                code: .internalError,
                reason: "\(sequenceNumber) records were sealed under one key, the limit for this cipher; a TLS 1.2 connection must be closed at this point")
        }
        let sequence = try nextSequenceNumber()

        // Header, explicit nonce, then the plaintext in place; the AEAD reads it from `output`.
        let headerStart = output.writerIndex
        output.writeInteger(contentType.rawValue)
        output.writeInteger(ProtocolVersion.tls12.rawValue)
        output.writeInteger(UInt16(explicitNonceLength + plaintextLength + Self.tagLength))
        let low: UInt64
        if explicitNonceLength > 0 {
            low = sequence
            output.writeInteger(sequence)
        } else {
            low = ivLow ^ sequence
        }
        let plaintextStart = output.writerIndex
        output.writeImmutableBuffer(plaintext)

        var additionalData = Self.additionalData(
            sequence: sequence, contentType: contentType, version: .tls12, length: plaintextLength)
        let sealed: (ciphertext: Data, tag: Data)
        do {
            sealed = try withUnsafeBytes(of: &additionalData) { aad in
                try output.withUnsafeReadableBytes { readable in
                    let offset = plaintextStart - output.readerIndex
                    let content = UnsafeRawBufferPointer(rebasing: readable[offset..<(offset + plaintextLength)])
                    return try withNonce(low: low) { nonce in
                        try cipher.seal(content, nonce: nonce, authenticating: aad)
                    }
                }
            }
        } catch {
            output.moveWriterIndex(to: headerStart)
            throw TLSError(code: .internalError, reason: "sealing a record failed: \(error)")
        }
        output.moveWriterIndex(to: plaintextStart)
        sealed.ciphertext.withUnsafeBytes { _ = output.writeBytes($0) }
        sealed.tag.withUnsafeBytes { _ = output.writeBytes($0) }
    }

    /// Opens a TLSCiphertext record, appends its plaintext to `output` (nothing when it
    /// throws) and returns its content type.
    ///
    /// Throws `PeerMisbehaved.recordOverflow` for a fragment above 2^14 + 2048 bytes or a
    /// plaintext above 2^14, and `.badRecordMAC` for a fragment too short to hold the
    /// explicit nonce and the tag or one that fails authentication.
    mutating func open(_ record: TLSRecord, appendingTo output: inout ByteBuffer) throws -> ContentType {
        let length = record.fragment.readableBytes
        guard length <= Self.maximumCiphertextLength else { throw PeerMisbehaved.recordOverflow(length) }
        guard length >= explicitNonceLength + Self.tagLength else { throw PeerMisbehaved.badRecordMAC }
        let plaintextLength = length - explicitNonceLength - Self.tagLength
        guard plaintextLength <= TLSRecord.maximumPlaintextLength else {
            throw PeerMisbehaved.recordOverflow(plaintextLength)
        }
        guard sequenceNumber < recordLimit else {
            throw TLSError(
                code: .peerMisbehaved,
                reason: "the peer sent more than \(recordLimit) records under one key, beyond the safe limit for this cipher",
                alert: .unexpectedMessage)
        }
        let sequence = try nextSequenceNumber()

        var additionalData = Self.additionalData(
            sequence: sequence, contentType: record.contentType, version: record.legacyVersion, length: plaintextLength)
        let explicitNonceLength = explicitNonceLength
        let opened: Data
        do {
            opened = try withUnsafeBytes(of: &additionalData) { aad in
                try record.fragment.withUnsafeReadableBytes { fragment in
                    var low = ivLow ^ sequence
                    if explicitNonceLength > 0 {
                        // RFC 5288, Section 3: the sender's nonce_explicit, whatever it is.
                        low = 0
                        for byte in fragment[..<explicitNonceLength] { low = low << 8 | UInt64(byte) }
                    }
                    let ciphertext = UnsafeRawBufferPointer(
                        rebasing: fragment[explicitNonceLength..<(length - Self.tagLength)])
                    let tag = UnsafeRawBufferPointer(rebasing: fragment[(length - Self.tagLength)...])
                    return try withNonce(low: low) { nonce in
                        try cipher.open(ciphertext, tag: tag, nonce: nonce, authenticating: aad)
                    }
                }
            }
        } catch {
            throw PeerMisbehaved.badRecordMAC
        }
        output.writeBytes(opened)
        return record.contentType
    }

    /// `seq_num || TLSCompressed.type || TLSCompressed.version || TLSCompressed.length`
    /// (RFC 5246, Section 6.2.3.3): 13 bytes on the stack, byte by byte so there is no padding.
    private static func additionalData(
        sequence: UInt64, contentType: ContentType, version: ProtocolVersion, length: Int
    ) -> (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) {
        func byte(_ value: UInt64, _ shift: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: value >> shift) }
        let version = UInt64(version.rawValue)
        let length = UInt64(truncatingIfNeeded: length)
        return (
            byte(sequence, 56), byte(sequence, 48), byte(sequence, 40), byte(sequence, 32),
            byte(sequence, 24), byte(sequence, 16), byte(sequence, 8), byte(sequence, 0),
            contentType.rawValue, byte(version, 8), byte(version, 0), byte(length, 8), byte(length, 0)
        )
    }

    /// Returns the current sequence number and advances it; refuses to wrap (RFC 5246, Section 6.1).
    private mutating func nextSequenceNumber() throws -> UInt64 {
        guard sequenceNumber < UInt64.max else {
            throw TLSError(code: .internalError, reason: "the record sequence number is exhausted; the connection must be closed")
        }
        defer { sequenceNumber += 1 }
        return sequenceNumber
    }

    /// Calls `body` with the 12-byte nonce `ivHigh || low`, built on the stack.
    private func withNonce<T>(low: UInt64, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        var nonce = (ivHigh.bigEndian, UInt32(truncatingIfNeeded: low >> 32).bigEndian, UInt32(truncatingIfNeeded: low).bigEndian)
        return try withUnsafeBytes(of: &nonce) { try body($0) }
    }
}
