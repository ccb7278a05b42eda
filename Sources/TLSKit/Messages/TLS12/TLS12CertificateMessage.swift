import NIOCore

/// The TLS 1.2 Certificate message (RFC 5246, Section 7.4.2):
/// `opaque ASN.1Cert<1..2^24-1>; struct { ASN.1Cert certificate_list<0..2^24-1>; } Certificate;`,
/// sender's certificate first. Unlike TLS 1.3 it has no request context and no per-entry
/// extensions.
public struct TLS12CertificateMessage: Hashable, Sendable {
    /// The default bound on `certificate_list` when decoding: the default
    /// `TLSResourceLimits.maximumCertificateMessageSize`, 128 KiB.
    static let defaultMaximumListLength = 128 * 1024

    /// `certificate_list`: DER certificates, end-entity first; empty when a client has none.
    public var certificateList: [[UInt8]]

    public init(certificateList: [[UInt8]]) {
        self.certificateList = certificateList
    }

    func encodeBody(into buffer: inout ByteBuffer) {
        buffer.writeTLSVector24 { list in
            for certificate in certificateList { list.writeTLSVector24 { $0.writeBytes(certificate) } }
        }
    }

    /// Decodes the whole body. A `certificate_list` longer than `maximumListLength` bytes, an
    /// empty certificate, a short body or trailing bytes are a `decode_error`.
    static func decodeBody(
        _ buffer: inout ByteBuffer, maximumListLength: Int = defaultMaximumListLength
    ) throws -> TLS12CertificateMessage {
        var list = try buffer.readTLSVector24("certificate_list", allowed: 0...min(0xFF_FFFF, max(0, maximumListLength)))
        var certificates: [[UInt8]] = []
        while list.readableBytes > 0 {
            certificates.append(try list.readTLSVectorBytes("ASN.1Cert", lengthBytes: 3, allowed: 1...0xFF_FFFF))
            try TLSResourceLimits.checkListEntries(certificates.count, in: "certificate_list")
        }
        try buffer.expectFullyRead("Certificate")
        return TLS12CertificateMessage(certificateList: certificates)
    }
}
