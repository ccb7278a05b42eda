import Crypto
import Foundation
import X509
import _CryptoExtras

/// Signature checks that follow the rules of the negotiated version.
///
/// TLS 1.3 (RFC 8446, Section 4.4.3) goes to the TLS 1.3 functions unchanged. TLS 1.2
/// (RFC 5246, Sections 4.7 and 7.4.1.4.1, as updated by RFC 8446, Section 4.2.3) also
/// accepts rsa_pkcs1_sha256/384/512, and reads the ECDSA code points as "ECDSA with this
/// hash" on whatever curve the key has (P-256, P-384 or P-521), so a P-384 key may sign with
/// ecdsa_secp256r1_sha256. Ed25519 (RFC 8422, Section 5.1.3) and rsa_pss_rsae_* are the same
/// as in TLS 1.3. SHA-1, SHA-224 and MD5 schemes are refused.
extension TLSSignatureVerification {
    /// Verifies `signature` over `content` with the key of the DER-encoded leaf certificate,
    /// under the rules of `version`. Errors as in `verify(scheme:signature:content:publicKey:version:)`,
    /// plus `DecodeError` when the certificate does not parse.
    static func verify(
        scheme: SignatureScheme, signature: [UInt8], content: [UInt8], leafCertificateDER: [UInt8], version: ProtocolVersion
    ) throws {
        let certificate: Certificate
        do {
            certificate = try Certificate(derEncoded: leafCertificateDER)
        } catch {
            throw DecodeError.invalidValue("the leaf certificate does not parse: \(error)")
        }
        try verify(scheme: scheme, signature: signature, content: content, publicKey: certificate.publicKey, version: version)
    }

    /// Verifies `signature` over `content` with `publicKey` under the rules of `version`.
    ///
    /// Throws `PeerMisbehaved.illegalParameter` when the scheme is not allowed in that version
    /// or does not fit the key, `PeerMisbehaved.badSignature` (decrypt_error, RFC 5246,
    /// Section 7.2.2) when the signature does not verify, and `TLSError` (`.internalError`)
    /// for a version other than TLS 1.2 and TLS 1.3, which never reaches a signature.
    static func verify(
        scheme: SignatureScheme, signature: [UInt8], content: [UInt8], publicKey: Certificate.PublicKey, version: ProtocolVersion
    ) throws {
        switch version {
        case .tls13:
            try verify(scheme: scheme, signature: signature, content: content, publicKey: publicKey)
        case .tls12:
            try verifyTLS12(scheme: scheme, signature: signature, content: content, publicKey: publicKey)
        default:
            throw TLSError(code: .internalError, reason: "signatures are checked for TLS 1.2 and TLS 1.3 only, not \(version)")
        }
    }

    /// RFC 5246, Section 4.7 `digitally-signed`, with the schemes of `SignatureScheme.tls12HandshakeSchemes`.
    private static func verifyTLS12(
        scheme: SignatureScheme, signature: [UInt8], content: [UInt8], publicKey: Certificate.PublicKey
    ) throws {
        let valid: Bool
        switch scheme {
        case .ed25519, .rsaPSSRSAESHA256, .rsaPSSRSAESHA384, .rsaPSSRSAESHA512:
            // The same computation in both versions (RFC 8422, Section 5.1.3; RFC 8446, Section 4.2.3).
            try verify(scheme: scheme, signature: signature, content: content, publicKey: publicKey)
            return
        case .ecdsaSecp256r1SHA256:
            valid = try ecdsaIsValid(signature, digest: SHA256.hash(data: content), publicKey: publicKey, scheme: scheme)
        case .ecdsaSecp384r1SHA384:
            valid = try ecdsaIsValid(signature, digest: SHA384.hash(data: content), publicKey: publicKey, scheme: scheme)
        case .ecdsaSecp521r1SHA512:
            valid = try ecdsaIsValid(signature, digest: SHA512.hash(data: content), publicKey: publicKey, scheme: scheme)
        case .rsaPKCS1SHA256:
            valid = try pkcs1IsValid(signature, digest: SHA256.hash(data: content), publicKey: publicKey, scheme: scheme)
        case .rsaPKCS1SHA384:
            valid = try pkcs1IsValid(signature, digest: SHA384.hash(data: content), publicKey: publicKey, scheme: scheme)
        case .rsaPKCS1SHA512:
            valid = try pkcs1IsValid(signature, digest: SHA512.hash(data: content), publicKey: publicKey, scheme: scheme)
        default:
            let why = scheme.hasBrokenHash ? " (TLSKit refuses MD5 and SHA-1 signatures)" : ""
            throw PeerMisbehaved.illegalParameter("signature scheme \(scheme) is not allowed in a TLS 1.2 signature\(why)")
        }
        guard valid else {
            throw PeerMisbehaved.badSignature("the \(scheme) signature does not match the certificate's key")
        }
    }

    /// ECDSA over `digest` with a P-256, P-384 or P-521 key: in TLS 1.2 the scheme fixes the
    /// hash, not the curve (RFC 8446, Section 4.2.3).
    private static func ecdsaIsValid(
        _ signature: [UInt8], digest: some Digest, publicKey: Certificate.PublicKey, scheme: SignatureScheme
    ) throws -> Bool {
        let notDER = PeerMisbehaved.badSignature("the ECDSA signature is not valid DER")
        if let key = P256.Signing.PublicKey(publicKey) {
            guard let parsed = try? P256.Signing.ECDSASignature(derRepresentation: signature) else { throw notDER }
            return key.isValidSignature(parsed, for: digest)
        }
        if let key = P384.Signing.PublicKey(publicKey) {
            guard let parsed = try? P384.Signing.ECDSASignature(derRepresentation: signature) else { throw notDER }
            return key.isValidSignature(parsed, for: digest)
        }
        if let key = P521.Signing.PublicKey(publicKey) {
            guard let parsed = try? P521.Signing.ECDSASignature(derRepresentation: signature) else { throw notDER }
            return key.isValidSignature(parsed, for: digest)
        }
        throw keyMismatch(scheme, publicKey)
    }

    /// RSASSA-PKCS1-v1_5 (RFC 8017, Section 8.2.2) over `digest`.
    private static func pkcs1IsValid(
        _ signature: [UInt8], digest: some Digest, publicKey: Certificate.PublicKey, scheme: SignatureScheme
    ) throws -> Bool {
        guard let key = _RSA.Signing.PublicKey(publicKey) else { throw keyMismatch(scheme, publicKey) }
        // The signature must be exactly as long as the modulus (RFC 8017, Section 8.2.2, step 1).
        guard signature.count == (key.keySizeInBits + 7) / 8 else {
            throw PeerMisbehaved.badSignature("the RSA PKCS#1 v1.5 signature has the wrong length")
        }
        let parsed = _RSA.Signing.RSASignature(rawRepresentation: signature)
        return key.isValidSignature(parsed, for: digest, padding: .insecurePKCS1v1_5)
    }

    private static func keyMismatch(_ scheme: SignatureScheme, _ key: Certificate.PublicKey) -> PeerMisbehaved {
        .illegalParameter("signature scheme \(scheme) does not fit the certificate's key (\(key))")
    }
}
