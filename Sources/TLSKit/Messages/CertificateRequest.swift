import NIOCore

/// RFC 8446, Section 4.3.2.
public struct CertificateRequest: Hashable, Sendable {
    /// `certificate_request_context<0..2^8-1>`.
    public var certificateRequestContext: [UInt8]
    /// `extensions<2..2^16-1>`; `signature_algorithms` must be among them (checked by the
    /// state machine).
    public var extensions: [TLSExtension]

    public init(certificateRequestContext: [UInt8] = [], extensions: [TLSExtension]) {
        self.certificateRequestContext = certificateRequestContext
        self.extensions = extensions
    }

    func encodeBody(into buffer: inout ByteBuffer) {
        buffer.writeTLSVector8 { $0.writeBytes(certificateRequestContext) }
        TLSExtension.encodeBlock(extensions, into: &buffer)
    }

    static func decodeBody(_ buffer: inout ByteBuffer) throws -> CertificateRequest {
        let context = try buffer.readTLSVectorBytes("certificate_request_context", lengthBytes: 1, allowed: 0...255)
        let extensions = try TLSExtension.decodeBlock(&buffer, context: .certificateRequest)
        return CertificateRequest(certificateRequestContext: context, extensions: extensions)
    }
}
