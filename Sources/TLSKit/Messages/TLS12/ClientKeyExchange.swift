import NIOCore

/// The TLS 1.2 ClientKeyExchange (RFC 5246, Section 7.4.7). Its body has no tag saying which
/// key exchange it is, so the decoder is chosen by the negotiated suite.
public enum ClientKeyExchange: Hashable, Sendable {
    /// `ClientECDiffieHellmanPublic.ecdh_Yc`: opaque point<1..2^8-1> (RFC 8422, Section 5.7).
    case ecdhe(ecdhYc: [UInt8])
    /// `EncryptedPreMasterSecret`: the RSA-encrypted premaster secret, `<0..2^16-1>`
    /// (RFC 5246, Section 7.4.7.1).
    case rsa(encryptedPreMasterSecret: [UInt8])

    func encodeBody(into buffer: inout ByteBuffer) {
        switch self {
        case .ecdhe(let point): buffer.writeTLSVector8 { $0.writeBytes(point) }
        case .rsa(let encrypted): buffer.writeTLSVector16 { $0.writeBytes(encrypted) }
        }
    }

    /// Decodes the whole body in the form `keyExchange` calls for.
    static func decodeBody(
        _ buffer: inout ByteBuffer, keyExchange: CipherSuiteParameters.KeyExchange
    ) throws -> ClientKeyExchange {
        switch keyExchange {
        case .ecdhe: try decodeECDHEBody(&buffer)
        case .rsa: try decodeRSABody(&buffer)
        }
    }

    /// The ECDHE form; an empty point, a short body or trailing bytes are a `decode_error`.
    static func decodeECDHEBody(_ buffer: inout ByteBuffer) throws -> ClientKeyExchange {
        let point = try buffer.readTLSVectorBytes("ecdh_Yc", lengthBytes: 1, allowed: 1...0xFF)
        try buffer.expectFullyRead("ClientKeyExchange")
        return .ecdhe(ecdhYc: point)
    }

    /// The RSA form; a short body or trailing bytes are a `decode_error`. A ciphertext of the
    /// wrong size is not an error here: it goes on to `TLS12RSAKeyExchange`, which answers it
    /// with a random premaster secret like any other bad ciphertext.
    static func decodeRSABody(_ buffer: inout ByteBuffer) throws -> ClientKeyExchange {
        let encrypted = try buffer.readTLSVectorBytes("EncryptedPreMasterSecret", lengthBytes: 2, allowed: 0...0xFFFF)
        try buffer.expectFullyRead("ClientKeyExchange")
        return .rsa(encryptedPreMasterSecret: encrypted)
    }
}
