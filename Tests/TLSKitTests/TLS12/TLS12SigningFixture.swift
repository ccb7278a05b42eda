import Crypto
import X509

@testable import TLSKit

/// A signing key with a self-signed certificate from `DevelopmentPKI`, one per key type,
/// made once per test run (RSA key generation is slow).
struct TLS12SigningFixture: Sendable {
    let keyType: DevelopmentKeyType
    let key: TLSSigningKey
    let certificateDER: [UInt8]
    let publicKey: Certificate.PublicKey

    /// The key types the TLS 1.2 tests cover.
    static let keyTypes: [DevelopmentKeyType] = [.p256, .p384, .ed25519, .rsa2048]

    private static let all: Result<[DevelopmentKeyType: TLS12SigningFixture], any Error> = Result {
        var fixtures: [DevelopmentKeyType: TLS12SigningFixture] = [:]
        for type in keyTypes {
            let identity = try DevelopmentPKI.makeRootCA(commonName: "TLSKit TLS 1.2 \(type)", keyType: type)
            fixtures[type] = TLS12SigningFixture(
                keyType: type, key: try TLSSigningKey(pemEncoded: identity.privateKeyPEM),
                certificateDER: try identity.certificateDER(), publicKey: identity.certificate.publicKey)
        }
        return fixtures
    }

    static func get(_ type: DevelopmentKeyType) throws -> TLS12SigningFixture {
        guard let fixture = try all.get()[type] else {
            throw TLSError(code: .internalError, reason: "no TLS 1.2 fixture for \(type)")
        }
        return fixture
    }

    /// The alert an error carries once it reaches the connection, or nil if nothing was thrown.
    static func alert(_ body: () throws -> Void) -> AlertDescription? {
        do {
            try body()
            return nil
        } catch {
            return TLSError.from(error).alert
        }
    }
}
