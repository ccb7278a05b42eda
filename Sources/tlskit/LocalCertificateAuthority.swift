import Crypto
import Foundation
import TLSKit
import X509
import _CryptoExtras

/// A local certificate authority on disk (a self-signed root and its key) that issues server
/// and client certificates, for `tlskit cert` and the development certificates of `tlskit server`.
struct LocalCertificateAuthority {
    /// What a leaf certificate is for (its extended key usage, RFC 5280, Section 4.2.1.12).
    enum LeafPurpose: String, Sendable {
        case server
        case client

        var extendedKeyUsage: [ExtendedKeyUsage.Usage] {
            switch self {
            case .server: [.serverAuth]
            case .client: [.clientAuth]
            }
        }
    }

    var identity: DevelopmentIdentity

    /// A new root CA valid from an hour ago for `days` days.
    static func create(name: String, keyType: DevelopmentKeyType, days: Int = 3650, now: Date = Date()) throws -> LocalCertificateAuthority {
        let root = try DevelopmentPKI.makeRootCA(
            commonName: name, keyType: keyType, notBefore: now.addingTimeInterval(-3600),
            notAfter: now.addingTimeInterval(Double(days) * 86400))
        return LocalCertificateAuthority(identity: root)
    }

    /// Reads a CA certificate and its private key (PEM), checking that they belong together and
    /// that the certificate is a CA.
    static func load(certificateFile: String, keyFile: String) throws -> LocalCertificateAuthority {
        guard let certificate = try PEMCertificateLoader.certificates(fromPEMFile: certificateFile).first else {
            throw TLSError(code: .configuration, reason: "\(certificateFile): no certificate")
        }
        let key = try PEMCertificateLoader.privateKey(fromFile: keyFile)
        guard key.publicKey == certificate.publicKey else {
            throw TLSError(code: .configuration, reason: "\(keyFile) is not the private key of \(certificateFile)")
        }
        guard let constraints = try? certificate.extensions.basicConstraints,
              case .isCertificateAuthority = constraints else {
            throw TLSError(code: .configuration, reason: "\(certificateFile) is not a CA certificate")
        }
        let pem: String
        do {
            pem = try String(contentsOfFile: keyFile, encoding: .utf8)
        } catch {
            throw TLSError(code: .configuration, reason: "cannot read \(keyFile): \(error.localizedDescription)")
        }
        let keyType = Self.keyType(of: certificate.publicKey) ?? .p256
        return LocalCertificateAuthority(
            identity: DevelopmentIdentity(certificate: certificate, privateKey: key, keyType: keyType, privateKeyPEM: pem))
    }

    /// Writes the CA certificate (0644) and its key (0600).
    func save(certificateFile: String, keyFile: String) throws {
        try PEMFileWriter.write(self.identity.privateKeyPEM, to: keyFile, mode: PEMFileWriter.privateKeyMode)
        try PEMFileWriter.write(try self.identity.certificatePEM(), to: certificateFile, mode: PEMFileWriter.certificateMode)
    }

    /// A leaf signed by this CA, valid from an hour ago for `days` days, with the DNS and IP
    /// subject alternative names given and the extended key usage of `purpose`.
    func issue(
        purpose: LeafPurpose,
        commonName: String?,
        dnsNames: [String],
        ipAddresses: [String],
        keyType: DevelopmentKeyType,
        days: Int = 90,
        now: Date = Date()
    ) throws -> DevelopmentIdentity {
        try DevelopmentPKI.makeLeaf(
            commonName: commonName,
            dnsNames: dnsNames,
            ipAddresses: ipAddresses,
            keyType: keyType,
            notBefore: now.addingTimeInterval(-3600),
            notAfter: now.addingTimeInterval(Double(days) * 86400),
            extendedKeyUsage: purpose.extendedKeyUsage,
            issuer: self.identity)
    }

    /// Whether `certificate` was signed by this CA's key.
    func signed(_ certificate: Certificate) -> Bool {
        certificate.issuer == self.identity.certificate.subject
            && self.identity.certificate.publicKey.isValidSignature(certificate.signature, for: certificate)
    }

    /// The key type of a public key, as `DevelopmentKeyType` names it.
    static func keyType(of key: Certificate.PublicKey) -> DevelopmentKeyType? {
        if P256.Signing.PublicKey(key) != nil { return .p256 }
        if P384.Signing.PublicKey(key) != nil { return .p384 }
        if Curve25519.Signing.PublicKey(key) != nil { return .ed25519 }
        if let rsa = _RSA.Signing.PublicKey(key) { return rsa.keySizeInBits >= 3072 ? .rsa3072 : .rsa2048 }
        return nil
    }
}
