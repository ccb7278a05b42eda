import SwiftASN1
import X509

/// A certificate made by `DevelopmentPKI` together with its private key.
public struct DevelopmentIdentity: Sendable {
    public var certificate: Certificate
    public var privateKey: Certificate.PrivateKey
    public var keyType: DevelopmentKeyType
    /// The private key as PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----").
    public var privateKeyPEM: String

    public init(certificate: Certificate, privateKey: Certificate.PrivateKey, keyType: DevelopmentKeyType, privateKeyPEM: String) {
        self.certificate = certificate
        self.privateKey = privateKey
        self.keyType = keyType
        self.privateKeyPEM = privateKeyPEM
    }

    /// The certificate as DER.
    public func certificateDER() throws -> [UInt8] {
        try certificate.derBytes()
    }

    /// The certificate as PEM ("-----BEGIN CERTIFICATE-----"), ending in a newline.
    public func certificatePEM() throws -> String {
        try certificate.serializeAsPEM().pemString + "\n"
    }
}
