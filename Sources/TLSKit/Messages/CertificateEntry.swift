import NIOCore

/// One certificate of a Certificate message (RFC 8446, Section 4.4.2): DER `cert_data<1..2^24-1>`
/// and its extensions (`status_request` carries an OCSP response here).
public struct CertificateEntry: Hashable, Sendable {
    public var certificateData: [UInt8]
    public var extensions: [TLSExtension]

    public init(certificateData: [UInt8], extensions: [TLSExtension] = []) {
        self.certificateData = certificateData
        self.extensions = extensions
    }

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeTLSVector24 { $0.writeBytes(certificateData) }
        TLSExtension.encodeBlock(extensions, into: &buffer)
    }

    static func decode(_ buffer: inout ByteBuffer) throws -> CertificateEntry {
        let data = try buffer.readTLSVectorBytes("cert_data", lengthBytes: 3, allowed: 1...0xFF_FFFF)
        let extensions = try TLSExtension.decodeBlock(&buffer, context: .certificate)
        return CertificateEntry(certificateData: data, extensions: extensions)
    }
}
