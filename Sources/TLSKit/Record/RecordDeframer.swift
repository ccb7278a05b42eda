import NIOCore

/// Splits the byte stream from the peer into records (RFC 8446, Section 5.1).
///
/// Records may be split across reads or packed several to a read. A record header announcing
/// more than 2^14 + 256 bytes is refused before its body is waited for, so at most one partial
/// record of bounded size is ever held.
struct RecordDeframer: Sendable {
    private var buffer: ByteBuffer?

    init() {}

    /// Bytes received but not yet returned as records.
    var bufferedBytes: Int { buffer?.readableBytes ?? 0 }

    /// Takes all readable bytes of `bytes`.
    mutating func append(_ bytes: inout ByteBuffer) {
        guard bytes.readableBytes > 0 else { return }
        if var existing = buffer, existing.readableBytes > 0 {
            buffer = nil
            existing.writeBuffer(&bytes)
            buffer = existing
        } else {
            // Nothing pending: keep the caller's buffer as is, without copying.
            buffer = bytes
            bytes.moveReaderIndex(to: bytes.writerIndex)
        }
    }

    /// The next whole record, or nil if more bytes are needed.
    ///
    /// Throws `PeerMisbehaved.recordOverflow` for a length above 2^14 + 256 and
    /// `PeerMisbehaved.unexpectedMessage` for an unknown content type (RFC 8446, Section 5).
    mutating func nextRecord() throws -> TLSRecord? {
        guard var pending = buffer, pending.readableBytes >= TLSRecord.headerLength else { return nil }
        let start = pending.readerIndex
        guard let type = pending.getInteger(at: start, as: UInt8.self),
            let version = pending.getInteger(at: start + 1, as: UInt16.self),
            let length = pending.getInteger(at: start + 3, as: UInt16.self)
        else { return nil }
        let contentType = ContentType(rawValue: type)
        switch contentType {
        case .changeCipherSpec, .alert, .handshake, .applicationData: break
        default: throw PeerMisbehaved.unexpectedMessage(Self.describeUnknownRecord(pending))
        }
        guard Int(length) <= TLSRecord.maximumCiphertextLength else {
            throw PeerMisbehaved.recordOverflow(Int(length))
        }
        guard pending.readableBytes >= TLSRecord.headerLength + Int(length) else {
            compactIfWorthwhile()
            return nil
        }
        buffer = nil
        pending.moveReaderIndex(forwardBy: TLSRecord.headerLength)
        guard let fragment = pending.readSlice(length: Int(length)) else { return nil }
        buffer = pending.readableBytes > 0 ? pending : nil
        return TLSRecord(contentType: contentType, legacyVersion: ProtocolVersion(rawValue: version), fragment: fragment)
    }

    /// Says what arrived instead of a record. A peer that answers in plain text (an HTTP server
    /// on the port, say) is named as such, with the start of what it sent, and so is an SSL
    /// 2.0-format ClientHello (a 2-byte length with the high bit set, then message type 1;
    /// RFC 6176 forbids SSL 2.0, and RFC 8446, Appendix D.5 says not to accept such hellos).
    static func describeUnknownRecord(_ bytes: ByteBuffer) -> String {
        let head = bytes.readableBytesView.prefix(24)
        if head.count >= 3, head[head.startIndex] & 0x80 != 0, head[head.startIndex + 2] == 1 {
            return "an SSL 2.0-format ClientHello; SSL 2.0 is insecure and not supported: the client must send a TLS ClientHello (TLS 1.2 or 1.3)"
        }
        let printable = head.allSatisfy { (0x20..<0x7F).contains($0) || $0 == 0x0D || $0 == 0x0A }
        guard printable, !head.isEmpty else {
            return "a record of unknown content type \(head.first ?? 0)"
        }
        var text = ""
        for byte in head {
            switch byte {
            case 0x0D: text += "\\r"
            case 0x0A: text += "\\n"
            default: text.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return "plain text instead of a TLS record (\"\(text)\"); the peer does not speak TLS on this port"
    }

    /// Drops consumed bytes in front of a partial record so memory stays bounded.
    private mutating func compactIfWorthwhile() {
        guard var pending = buffer, pending.readerIndex > 0 else { return }
        buffer = nil
        pending.discardReadBytes()
        buffer = pending
    }
}
