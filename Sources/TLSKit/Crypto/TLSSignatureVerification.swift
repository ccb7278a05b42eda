import Crypto
import Foundation
import X509
import _CryptoExtras

/// Checks CertificateVerify signatures (RFC 8446, Section 4.4.3).
enum TLSSignatureVerification {
    private static let serverContext = Array("TLS 1.3, server CertificateVerify".utf8)
    private static let clientContext = Array("TLS 1.3, client CertificateVerify".utf8)

    /// The signed content: 64 bytes of 0x20, the context string, a 0 byte, then the transcript hash.
    static func certificateVerifyContent(transcriptHash: [UInt8], isServer: Bool) -> [UInt8] {
        let context = isServer ? serverContext : clientContext
        var content = [UInt8](repeating: 0x20, count: 64)
        content.reserveCapacity(64 + context.count + 1 + transcriptHash.count)
        content.append(contentsOf: context)
        content.append(0)
        content.append(contentsOf: transcriptHash)
        return content
    }

    /// Verifies `signature` over `content` with the public key of the DER-encoded leaf certificate.
    ///
    /// Throws `PeerMisbehaved.illegalParameter` when the scheme is not allowed in TLS 1.3
    /// CertificateVerify or does not fit the key, `PeerMisbehaved.badSignature` when the
    /// signature does not verify, and `DecodeError` when the certificate does not parse.
    static func verify(scheme: SignatureScheme, signature: [UInt8], content: [UInt8], leafCertificateDER: [UInt8]) throws {
        let certificate: Certificate
        do {
            certificate = try Certificate(derEncoded: leafCertificateDER)
        } catch {
            throw DecodeError.invalidValue("the leaf certificate does not parse: \(error)")
        }
        try verify(scheme: scheme, signature: signature, content: content, publicKey: certificate.publicKey)
    }

    /// Verifies `signature` over `content` with `publicKey` (see `verify(scheme:signature:content:leafCertificateDER:)`).
    static func verify(scheme: SignatureScheme, signature: [UInt8], content: [UInt8], publicKey: Certificate.PublicKey) throws {
        let valid: Bool
        switch scheme {
        case .ecdsaSecp256r1SHA256:
            guard let key = P256.Signing.PublicKey(publicKey) else { throw mismatch(scheme, publicKey) }
            guard let parsed = try? P256.Signing.ECDSASignature(derRepresentation: signature) else {
                throw PeerMisbehaved.badSignature("the ECDSA signature is not valid DER")
            }
            valid = key.isValidSignature(parsed, for: content)
        case .ecdsaSecp384r1SHA384:
            guard let key = P384.Signing.PublicKey(publicKey) else { throw mismatch(scheme, publicKey) }
            guard let parsed = try? P384.Signing.ECDSASignature(derRepresentation: signature) else {
                throw PeerMisbehaved.badSignature("the ECDSA signature is not valid DER")
            }
            valid = key.isValidSignature(parsed, for: content)
        case .ed25519:
            guard let key = Curve25519.Signing.PublicKey(publicKey) else { throw mismatch(scheme, publicKey) }
            valid = key.isValidSignature(signature, for: content)
        case .rsaPSSRSAESHA256, .rsaPSSRSAESHA384, .rsaPSSRSAESHA512:
            guard let key = _RSA.Signing.PublicKey(publicKey) else { throw mismatch(scheme, publicKey) }
            // The signature must be exactly as long as the modulus (RFC 8017, Section 8.1.2).
            guard signature.count * 8 == key.keySizeInBits else {
                throw PeerMisbehaved.badSignature("the RSA-PSS signature has the wrong length")
            }
            let parsed = _RSA.Signing.RSASignature(rawRepresentation: signature)
            switch scheme {
            case .rsaPSSRSAESHA256: valid = key.isValidSignature(parsed, for: SHA256.hash(data: content), padding: .PSS)
            case .rsaPSSRSAESHA384: valid = key.isValidSignature(parsed, for: SHA384.hash(data: content), padding: .PSS)
            default: valid = key.isValidSignature(parsed, for: SHA512.hash(data: content), padding: .PSS)
            }
        default:
            throw PeerMisbehaved.illegalParameter("signature scheme \(scheme) is not allowed in a TLS 1.3 CertificateVerify")
        }
        guard valid else {
            throw PeerMisbehaved.badSignature("the \(scheme) signature does not match the certificate's key")
        }
    }

    private static func mismatch(_ scheme: SignatureScheme, _ key: Certificate.PublicKey) -> PeerMisbehaved {
        .illegalParameter("signature scheme \(scheme) does not fit the certificate's key (\(key))")
    }
}
