import NIOCore

/// The Certificate message (RFC 8446, Section 4.4.2). Only the X.509 certificate type is
/// supported (no raw public keys).
public struct CertificateMessage: Hashable, Sendable {
    /// `certificate_request_context<0..2^8-1>`; empty in the server's Certificate.
    public var certificateRequestContext: [UInt8]
    /// `certificate_list<0..2^24-1>`, end-entity first.
    public var entries: [CertificateEntry]

    public init(certificateRequestContext: [UInt8] = [], entries: [CertificateEntry]) {
        self.certificateRequestContext = certificateRequestContext
        self.entries = entries
    }

    func encodeBody(into buffer: inout ByteBuffer) {
        buffer.writeTLSVector8 { $0.writeBytes(certificateRequestContext) }
        buffer.writeTLSVector24 { list in
            for entry in entries { entry.encode(into: &list) }
        }
    }

    static func decodeBody(_ buffer: inout ByteBuffer) throws -> CertificateMessage {
        let context = try buffer.readTLSVectorBytes("certificate_request_context", lengthBytes: 1, allowed: 0...255)
        var list = try buffer.readTLSVector24("certificate_list", allowed: 0...0xFF_FFFF)
        var entries: [CertificateEntry] = []
        while list.readableBytes > 0 {
            entries.append(try CertificateEntry.decode(&list))
            try TLSResourceLimits.checkListEntries(entries.count, in: "certificate_list")
        }
        return CertificateMessage(certificateRequestContext: context, entries: entries)
    }
}
