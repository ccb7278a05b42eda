import Crypto
import Foundation
import X509
import _CryptoExtras

/// The RSA key exchange of TLS 1.2 (RFC 5246, Section 7.4.7.1): the client encrypts a
/// 48-byte premaster secret, `client_version (2) || random (46)`, to the server's RSA key
/// with PKCS#1 v1.5 padding (swift-crypto's `_WEAK_AND_INSECURE_PKCS_V1_5`).
///
/// The server must not reveal whether a ciphertext was well formed (Bleichenbacher's attack,
/// and its later variants such as ROBOT): `decryptPreMasterSecret` always returns 48 bytes,
/// never throws, and falls back to random bytes chosen before the decryption when the
/// decryption fails, the plaintext is not 48 bytes, or its version is not the one the
/// ClientHello offered. The checks and the choice between the two secrets are computed with
/// masks rather than branches. The one data-dependent path left is inside swift-crypto:
/// `decrypt` reports bad padding by throwing, so that failure is caught here and turned into
/// an empty plaintext, which the same checks then reject.
///
/// No forward secrecy: suites with this key exchange are off by default.
enum TLS12RSAKeyExchange {
    /// The length of the premaster secret (RFC 5246, Section 7.4.7.1).
    static let preMasterSecretLength = 48

    // MARK: Client

    /// A fresh premaster secret: `client_version` (the highest version offered in the
    /// ClientHello, not the negotiated one) followed by 46 random bytes.
    static func makePreMasterSecret(clientVersion: ProtocolVersion = .tls12) -> SymmetricKey {
        let version = clientVersion.rawValue
        let bytes = [UInt8(truncatingIfNeeded: version >> 8), UInt8(truncatingIfNeeded: version)]
            + RandomBytes.generate(count: preMasterSecretLength - 2)
        return SymmetricKey(data: bytes)
    }

    /// `EncryptedPreMasterSecret`: the premaster secret encrypted to the server's key under
    /// PKCS#1 v1.5 padding. Throws `.internalError` if swift-crypto refuses (a key too small
    /// for 48 bytes).
    static func encrypt(preMasterSecret: SymmetricKey, publicKey: _RSA.Encryption.PublicKey) throws -> [UInt8] {
        do {
            let ciphertext = try preMasterSecret.withUnsafeBytes { bytes in
                try publicKey.encrypt(Array(bytes), padding: ._WEAK_AND_INSECURE_PKCS_V1_5)
            }
            return Array(ciphertext)
        } catch {
            throw TLSError(code: .internalError, reason: "encrypting the RSA premaster secret failed: \(error)")
        }
    }

    /// The client's side in one call: a fresh premaster secret and its encryption for the
    /// ClientKeyExchange.
    static func clientKeyExchange(
        publicKey: _RSA.Encryption.PublicKey, clientVersion: ProtocolVersion = .tls12
    ) throws -> (preMasterSecret: SymmetricKey, encryptedPreMasterSecret: [UInt8]) {
        let secret = makePreMasterSecret(clientVersion: clientVersion)
        return (secret, try encrypt(preMasterSecret: secret, publicKey: publicKey))
    }

    /// The encryption key in the server's certificate, or nil if it is not an RSA key (of at
    /// least 2048 bits, swift-crypto's minimum).
    static func encryptionKey(for certificateKey: Certificate.PublicKey) -> _RSA.Encryption.PublicKey? {
        guard let signingKey = _RSA.Signing.PublicKey(certificateKey) else { return nil }
        return try? _RSA.Encryption.PublicKey(derRepresentation: signingKey.derRepresentation)
    }

    // MARK: Server

    /// The decryption key for a server identity's private key, or nil if it is not RSA.
    static func decryptionKey(for signingKey: TLSSigningKey) -> _RSA.Encryption.PrivateKey? {
        guard case .rsa(let key) = signingKey.backing else { return nil }
        return try? _RSA.Encryption.PrivateKey(derRepresentation: key.derRepresentation)
    }

    /// The premaster secret from a ClientKeyExchange, with the countermeasure of RFC 5246,
    /// Section 7.4.7.1: 48 random bytes are drawn first; they are the result when the
    /// decryption fails for any reason, when the plaintext is not 48 bytes long, or when its
    /// first two bytes are not `clientVersion` (ClientHello.client_version). No error is
    /// thrown and every outcome leaves by the same path; a wrong premaster secret only shows
    /// later, as a Finished that does not verify.
    static func decryptPreMasterSecret(
        encryptedPreMasterSecret: [UInt8], privateKey: _RSA.Encryption.PrivateKey, clientVersion: ProtocolVersion
    ) -> SymmetricKey {
        let random = RandomBytes.generate(count: preMasterSecretLength)
        let plaintext = (try? privateKey.decrypt(encryptedPreMasterSecret, padding: ._WEAK_AND_INSECURE_PKCS_V1_5)) ?? Data()

        // A fixed-size copy of the start of the plaintext (zeros past its end).
        var candidate = [UInt8](repeating: 0, count: preMasterSecretLength)
        candidate.withUnsafeMutableBytes { destination in
            _ = plaintext.prefix(preMasterSecretLength).copyBytes(to: destination)
        }
        let version = Int(clientVersion.rawValue)
        let lengthMatches = constantTimeEqualMask(plaintext.count, preMasterSecretLength)
        let versionMatches = constantTimeEqualMask(Int(candidate[0]) << 8 | Int(candidate[1]), version)
        let secret = constantTimeSelect(mask: lengthMatches & versionMatches, candidate, random)
        return SymmetricKey(data: secret)
    }
}
