import Crypto
import Foundation
import SwiftASN1
import X509
import _CryptoExtras

/// A private key that signs CertificateVerify messages (RFC 8446, Section 4.4.3), for a
/// server or a client presenting a certificate.
///
/// ```swift
/// let key = try TLSSigningKey(pemEncoded: String(contentsOfFile: "server.key"))
/// ```
public struct TLSSigningKey: Sendable {
    enum Backing: Sendable {
        case p256(P256.Signing.PrivateKey)
        case p384(P384.Signing.PrivateKey)
        case ed25519(Curve25519.Signing.PrivateKey)
        case rsa(_RSA.Signing.PrivateKey)
    }

    let backing: Backing

    public init(_ key: P256.Signing.PrivateKey) { backing = .p256(key) }
    public init(_ key: P384.Signing.PrivateKey) { backing = .p384(key) }
    public init(_ key: Curve25519.Signing.PrivateKey) { backing = .ed25519(key) }
    public init(_ key: _RSA.Signing.PrivateKey) { backing = .rsa(key) }

    /// Reads a PEM private key: PKCS#8 ("PRIVATE KEY"), SEC1 ("EC PRIVATE KEY", P-256 and
    /// P-384) or PKCS#1 ("RSA PRIVATE KEY"). Encrypted keys are not supported.
    public init(pemEncoded pem: String) throws {
        let document: PEMDocument
        do {
            document = try PEMDocument(pemString: pem)
        } catch {
            throw TLSError(
                code: .configuration, reason: "malformed PEM (a BEGIN line without its END line, or bad base64); export the key again")
        }
        let der = document.derBytes
        switch document.discriminator {
        case "RSA PRIVATE KEY":
            guard let key = try? _RSA.Signing.PrivateKey(derRepresentation: der) else {
                throw TLSError(code: .configuration, reason: "the RSA private key does not parse (or is shorter than 2048 bits)")
            }
            backing = .rsa(key)
        case "EC PRIVATE KEY":
            if let key = try? P256.Signing.PrivateKey(derRepresentation: der) {
                backing = .p256(key)
            } else if let key = try? P384.Signing.PrivateKey(derRepresentation: der) {
                backing = .p384(key)
            } else {
                throw TLSError(code: .configuration, reason: "the EC private key is not a P-256 or P-384 key")
            }
        case "PRIVATE KEY":
            if let key = try? P256.Signing.PrivateKey(derRepresentation: der) {
                backing = .p256(key)
            } else if let key = try? P384.Signing.PrivateKey(derRepresentation: der) {
                backing = .p384(key)
            } else if let key = try? Curve25519.Signing.PrivateKey(derRepresentation: der) {
                backing = .ed25519(key)
            } else if let key = try? _RSA.Signing.PrivateKey(derRepresentation: der) {
                backing = .rsa(key)
            } else {
                throw TLSError(
                    code: .configuration,
                    reason: "the PKCS#8 private key is not a P-256, P-384, Ed25519 or RSA (2048 bits or more) key")
            }
        case "ENCRYPTED PRIVATE KEY":
            throw TLSError(code: .configuration, reason: "encrypted private keys are not supported; decrypt the key first")
        default:
            throw TLSError(code: .configuration, reason: "unsupported PEM block \"\(document.discriminator)\" for a private key")
        }
    }

    /// The TLS 1.3 CertificateVerify schemes this key can produce, most preferred first.
    public var supportedSchemes: [SignatureScheme] {
        switch backing {
        case .p256: [.ecdsaSecp256r1SHA256]
        case .p384: [.ecdsaSecp384r1SHA384]
        case .ed25519: [.ed25519]
        case .rsa: [.rsaPSSRSAESHA256, .rsaPSSRSAESHA384, .rsaPSSRSAESHA512]
        }
    }

    /// The matching public key, as it appears in a certificate.
    public var publicKey: Certificate.PublicKey {
        switch backing {
        case .p256(let key): Certificate.PublicKey(key.publicKey)
        case .p384(let key): Certificate.PublicKey(key.publicKey)
        case .ed25519(let key): Certificate.PublicKey(key.publicKey)
        case .rsa(let key): Certificate.PublicKey(key.publicKey)
        }
    }

    /// Signs `content` with `scheme` (ECDSA signatures are DER-encoded, RSA uses PSS with a
    /// salt as long as the hash). Throws `TLSError` (`.configuration`) if the scheme does not fit the key.
    public func sign(scheme: SignatureScheme, content: [UInt8]) throws -> [UInt8] {
        guard supportedSchemes.contains(scheme) else {
            throw TLSError(code: .configuration, reason: "signature scheme \(scheme) does not fit this private key")
        }
        return try signature(scheme: scheme, content: content)
    }

    /// The signature of `content` with `scheme`, for a scheme the caller has checked fits the
    /// key in its version: ECDSA over the scheme's hash (DER-encoded; the TLS 1.3 schemes are
    /// the curve's own hash), RSA-PSS with a salt as long as the hash, PKCS#1 v1.5 (TLS 1.2
    /// only), Ed25519 over the content itself.
    func signature(scheme: SignatureScheme, content: [UInt8]) throws -> [UInt8] {
        SignatureCounter.current?.increment()
        do {
            switch (backing, scheme) {
            case (.p256(let key), .ecdsaSecp256r1SHA256):
                return Array(try key.signature(for: SHA256.hash(data: content)).derRepresentation)
            case (.p256(let key), .ecdsaSecp384r1SHA384):
                return Array(try key.signature(for: SHA384.hash(data: content)).derRepresentation)
            case (.p256(let key), .ecdsaSecp521r1SHA512):
                return Array(try key.signature(for: SHA512.hash(data: content)).derRepresentation)
            case (.p384(let key), .ecdsaSecp256r1SHA256):
                return Array(try key.signature(for: SHA256.hash(data: content)).derRepresentation)
            case (.p384(let key), .ecdsaSecp384r1SHA384):
                return Array(try key.signature(for: SHA384.hash(data: content)).derRepresentation)
            case (.p384(let key), .ecdsaSecp521r1SHA512):
                return Array(try key.signature(for: SHA512.hash(data: content)).derRepresentation)
            case (.ed25519(let key), .ed25519):
                return Array(try key.signature(for: content))
            case (.rsa(let key), .rsaPSSRSAESHA256):
                return Array(try key.signature(for: SHA256.hash(data: content), padding: .PSS).rawRepresentation)
            case (.rsa(let key), .rsaPSSRSAESHA384):
                return Array(try key.signature(for: SHA384.hash(data: content), padding: .PSS).rawRepresentation)
            case (.rsa(let key), .rsaPSSRSAESHA512):
                return Array(try key.signature(for: SHA512.hash(data: content), padding: .PSS).rawRepresentation)
            case (.rsa(let key), .rsaPKCS1SHA256):
                return Array(try key.signature(for: SHA256.hash(data: content), padding: .insecurePKCS1v1_5).rawRepresentation)
            case (.rsa(let key), .rsaPKCS1SHA384):
                return Array(try key.signature(for: SHA384.hash(data: content), padding: .insecurePKCS1v1_5).rawRepresentation)
            case (.rsa(let key), .rsaPKCS1SHA512):
                return Array(try key.signature(for: SHA512.hash(data: content), padding: .insecurePKCS1v1_5).rawRepresentation)
            default:
                break
            }
        } catch {
            throw TLSError(code: .internalError, reason: "signing with \(scheme) failed: \(error)")
        }
        throw TLSError(code: .internalError, reason: "signature scheme \(scheme) has no signer for this key")
    }
}
