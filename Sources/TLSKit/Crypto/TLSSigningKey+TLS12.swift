import Crypto
import Foundation
import _CryptoExtras

/// Signing under the rules of the negotiated version: TLS 1.3 as in `sign(scheme:content:)`,
/// TLS 1.2 with the readings of `SignatureScheme+TLS12` (RFC 5246, Section 4.7; RFC 8446,
/// Section 4.2.3; RFC 8422, Section 5.1.3).
extension TLSSigningKey {
    /// The schemes this key can produce in `version`, most preferred first.
    ///
    /// TLS 1.3: `supportedSchemes`. TLS 1.2: for ECDSA keys the hash matching the curve first,
    /// then the other SHA-2 hashes (in TLS 1.2 the ECDSA code points name only the hash);
    /// for RSA keys RSA-PSS first, then PKCS#1 v1.5; Ed25519 as in TLS 1.3. Empty for other
    /// versions.
    public func supportedSchemes(for version: ProtocolVersion) -> [SignatureScheme] {
        switch version {
        case .tls13:
            return supportedSchemes
        case .tls12:
            switch backing {
            case .p256: return [.ecdsaSecp256r1SHA256, .ecdsaSecp384r1SHA384, .ecdsaSecp521r1SHA512]
            case .p384: return [.ecdsaSecp384r1SHA384, .ecdsaSecp521r1SHA512, .ecdsaSecp256r1SHA256]
            case .ed25519: return [.ed25519]
            case .rsa:
                return [
                    .rsaPSSRSAESHA256, .rsaPSSRSAESHA384, .rsaPSSRSAESHA512,
                    .rsaPKCS1SHA256, .rsaPKCS1SHA384, .rsaPKCS1SHA512,
                ]
            }
        default:
            return []
        }
    }

    /// Signs `content` with `scheme` under the rules of `version` (the signing half of
    /// `TLSSignatureVerification.verify(scheme:signature:content:publicKey:version:)`).
    ///
    /// TLS 1.3 is `sign(scheme:content:)`. In TLS 1.2, ECDSA signs the scheme's hash of the
    /// content (DER-encoded signature), RSA uses PSS with a salt as long as the hash or
    /// PKCS#1 v1.5, and Ed25519 signs the content itself. Throws `TLSError` (`.configuration`)
    /// when the scheme does not fit the key in that version.
    public func sign(scheme: SignatureScheme, content: [UInt8], version: ProtocolVersion) throws -> [UInt8] {
        switch version {
        case .tls13:
            return try sign(scheme: scheme, content: content)
        case .tls12:
            break
        default:
            throw TLSError(code: .configuration, reason: "TLSKit signs for TLS 1.2 and TLS 1.3 only, not \(version)")
        }
        guard supportedSchemes(for: .tls12).contains(scheme) else {
            throw TLSError(code: .configuration, reason: "signature scheme \(scheme) does not fit this private key in TLS 1.2")
        }
        return try signature(scheme: scheme, content: content)
    }

    /// The curve of an ECDSA key, as the supported_groups code point a TLS 1.2 client must
    /// list for a certificate with this key to be used (RFC 8422, Sections 5.1 and 5.3); nil
    /// for RSA and Ed25519 keys, which supported_groups does not restrict.
    var ecdsaCurve: NamedGroup? {
        switch backing {
        case .p256: .secp256r1
        case .p384: .secp384r1
        case .ed25519, .rsa: nil
        }
    }

    /// Whether a certificate with this key can authenticate a TLS 1.2 suite: ECDSA keys and
    /// Ed25519 keys (RFC 8422, Section 5.1.3) serve the ECDHE_ECDSA suites, RSA keys the
    /// ECDHE_RSA and RSA suites (RFC 5246, Section 7.4.2).
    func canAuthenticate(_ authentication: CipherSuiteParameters.Authentication) -> Bool {
        switch (backing, authentication) {
        case (.p256, .ecdsa), (.p384, .ecdsa), (.ed25519, .ecdsa), (.rsa, .rsa): true
        default: false
        }
    }
}
