import NIOCore

/// RFC 8446, Section 4.4.3.
public struct CertificateVerify: Hashable, Sendable {
    public var algorithm: SignatureScheme
    /// `signature<0..2^16-1>`.
    public var signature: [UInt8]

    public init(algorithm: SignatureScheme, signature: [UInt8]) {
        self.algorithm = algorithm
        self.signature = signature
    }

    func encodeBody(into buffer: inout ByteBuffer) {
        buffer.writeInteger(algorithm.rawValue)
        buffer.writeTLSVector16 { $0.writeBytes(signature) }
    }

    static func decodeBody(_ buffer: inout ByteBuffer) throws -> CertificateVerify {
        let algorithm = SignatureScheme(rawValue: try buffer.readTLSUInt16())
        let signature = try buffer.readTLSVectorBytes("signature", lengthBytes: 2, allowed: 0...0xFFFF)
        return CertificateVerify(algorithm: algorithm, signature: signature)
    }
}
