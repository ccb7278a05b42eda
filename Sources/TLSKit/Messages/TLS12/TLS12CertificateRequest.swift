import NIOCore

/// The TLS 1.2 CertificateRequest (RFC 5246, Section 7.4.4):
///
/// ```
/// struct {
///     ClientCertificateType certificate_types<1..2^8-1>;
///     SignatureAndHashAlgorithm supported_signature_algorithms<2..2^16-2>;
///     DistinguishedName certificate_authorities<0..2^16-1>;
/// } CertificateRequest;
/// opaque DistinguishedName<1..2^16-1>;
/// ```
public struct TLS12CertificateRequest: Hashable, Sendable {
    /// `ClientCertificateType.rsa_sign` (RFC 5246, Section 7.4.4).
    public static let rsaSign: UInt8 = 1
    /// `ClientCertificateType.ecdsa_sign` (RFC 8422, Section 5.5).
    public static let ecdsaSign: UInt8 = 64

    /// `certificate_types<1..2^8-1>`.
    public var certificateTypes: [UInt8]
    /// `supported_signature_algorithms<2..2^16-2>`.
    public var supportedSignatureAlgorithms: [SignatureScheme]
    /// `certificate_authorities<0..2^16-1>`: DER-encoded distinguished names, each 1 to 2^16-1 bytes.
    public var certificateAuthorities: [[UInt8]]

    public init(certificateTypes: [UInt8], supportedSignatureAlgorithms: [SignatureScheme], certificateAuthorities: [[UInt8]] = []) {
        self.certificateTypes = certificateTypes
        self.supportedSignatureAlgorithms = supportedSignatureAlgorithms
        self.certificateAuthorities = certificateAuthorities
    }

    func encodeBody(into buffer: inout ByteBuffer) {
        buffer.writeTLSVector8 { $0.writeBytes(certificateTypes) }
        buffer.writeTLSVector16 { list in
            for scheme in supportedSignatureAlgorithms { list.writeInteger(scheme.rawValue) }
        }
        buffer.writeTLSVector16 { list in
            for name in certificateAuthorities { list.writeTLSVector16 { $0.writeBytes(name) } }
        }
    }

    /// Decodes the whole body; lengths out of bounds, a short body or trailing bytes are a
    /// `decode_error`.
    static func decodeBody(_ buffer: inout ByteBuffer) throws -> TLS12CertificateRequest {
        let types = try buffer.readTLSVectorBytes("certificate_types", lengthBytes: 1, allowed: 1...0xFF)
        let schemes = try buffer.readTLSUInt16List("supported_signature_algorithms", allowed: 2...0xFFFE)
        var list = try buffer.readTLSVector16("certificate_authorities", allowed: 0...0xFFFF)
        var names: [[UInt8]] = []
        while list.readableBytes > 0 {
            names.append(try list.readTLSVectorBytes("DistinguishedName", lengthBytes: 2, allowed: 1...0xFFFF))
            try TLSResourceLimits.checkListEntries(names.count, in: "certificate_authorities")
        }
        try buffer.expectFullyRead("CertificateRequest")
        return TLS12CertificateRequest(
            certificateTypes: types, supportedSignatureAlgorithms: schemes.map(SignatureScheme.init(rawValue:)),
            certificateAuthorities: names)
    }
}
