import Crypto
import _CryptoExtras
import X509

/// The key types `DevelopmentPKI` can make certificates for.
public enum DevelopmentKeyType: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// ECDSA over P-256 (ecdsa_secp256r1_sha256).
    case p256 = "ecdsa-p256"
    /// ECDSA over P-384 (ecdsa_secp384r1_sha384).
    case p384 = "ecdsa-p384"
    /// RSA with a 2048-bit modulus (rsa_pss_rsae_*, rsa_pkcs1_*).
    case rsa2048 = "rsa-2048"
    /// RSA with a 3072-bit modulus (rsa_pss_rsae_*, rsa_pkcs1_*).
    case rsa3072 = "rsa-3072"
    /// Ed25519 (RFC 8032).
    case ed25519 = "ed25519"

    public var description: String { rawValue }

    /// Whether the key is an RSA key (which may also encipher, for TLS 1.2 RSA key exchange).
    public var isRSA: Bool { self == .rsa2048 || self == .rsa3072 }

    /// A fresh private key and its PKCS#8 PEM ("PRIVATE KEY"), which `openssl` and GnuTLS read
    /// for every key type.
    func generate() throws -> (key: Certificate.PrivateKey, pkcs8PEM: String) {
        switch self {
        case .p256:
            let key = P256.Signing.PrivateKey()
            return (Certificate.PrivateKey(key), key.pemRepresentation)
        case .p384:
            let key = P384.Signing.PrivateKey()
            return (Certificate.PrivateKey(key), key.pemRepresentation)
        case .rsa2048:
            let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
            return (Certificate.PrivateKey(key), key.pkcs8PEMRepresentation)
        case .rsa3072:
            let key = try _RSA.Signing.PrivateKey(keySize: .bits3072)
            return (Certificate.PrivateKey(key), key.pkcs8PEMRepresentation)
        case .ed25519:
            let key = Curve25519.Signing.PrivateKey()
            return (Certificate.PrivateKey(key), key.pemRepresentation)
        }
    }
}
