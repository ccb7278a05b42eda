import Foundation
import SwiftASN1
import X509

/// A certificate chain and the private key of its leaf: what a server presents (and a client
/// presents for mutual TLS) in its Certificate and CertificateVerify (RFC 8446, Sections 4.4.2
/// and 4.4.3).
///
/// ```swift
/// let identity = try TLSCertificateIdentity(certificatePEMFile: "fullchain.pem", privateKeyPEMFile: "key.pem")
/// ```
public struct TLSCertificateIdentity: Sendable {
    /// DER certificates, leaf first, then intermediates (the root may be left out).
    public var chain: [[UInt8]] {
        didSet { details = Self.describe(chain) }
    }
    public var privateKey: TLSSigningKey
    /// What the leaf says, parsed once (names for SNI, the issuers' signature algorithms).
    private var details: Details

    struct Details: Sendable {
        var dnsNames: [String] = []
        /// The signature scheme each certificate of the chain was signed with, when it has one
        /// (for signature_algorithms_cert, RFC 8446, Section 4.2.3).
        var certificateSignatureSchemes: [SignatureScheme?] = []
    }

    /// Checks that `privateKey` belongs to the leaf (`chain[0]`); a mismatch is a `.configuration` error.
    public init(chain: [Certificate], privateKey: TLSSigningKey) throws {
        guard let leaf = chain.first else {
            throw TLSError(code: .configuration, reason: "a certificate identity needs at least one certificate")
        }
        guard leaf.publicKey == privateKey.publicKey else {
            throw TLSError(
                code: .configuration,
                reason: "the private key does not belong to the certificate for \(leaf.subject) (its public key differs)")
        }
        var encoded: [[UInt8]] = []
        for certificate in chain {
            do {
                encoded.append(try certificate.derBytes())
            } catch {
                throw TLSError(code: .configuration, reason: "the certificate for \(certificate.subject) cannot be encoded")
            }
        }
        self.chain = encoded
        self.privateKey = privateKey
        self.details = Self.describe(encoded)
    }

    /// Reads the chain (leaf first, then intermediates) and the private key (PKCS#8, SEC1 or
    /// PKCS#1) from PEM files. Errors are `.configuration` errors naming the file.
    public init(certificatePEMFile: String, privateKeyPEMFile: String) throws {
        let certificates = try PEMCertificateLoader.certificates(fromPEMFile: certificatePEMFile)
        let keyBytes = try PEMCertificateLoader.readFile(privateKeyPEMFile)
        let key: TLSSigningKey
        do {
            key = try Self.signingKey(pem: String(decoding: keyBytes, as: UTF8.self))
        } catch let error as TLSError {
            throw TLSError(code: error.code, reason: "\(privateKeyPEMFile): \(error.reason)")
        }
        do {
            try self.init(chain: certificates, privateKey: key)
        } catch let error as TLSError {
            throw TLSError(code: error.code, reason: "\(certificatePEMFile) and \(privateKeyPEMFile): \(error.reason)")
        }
    }

    /// The leaf's DNS subject alternative names, as written (wildcards included); used to pick
    /// an identity by SNI.
    public var dnsNames: [String] { details.dnsNames }

    /// The signature scheme of each certificate's issuer signature, nil where it has no TLS name.
    var certificateSignatureSchemes: [SignatureScheme?] { details.certificateSignatureSchemes }

    /// Whether the leaf covers `serverName` exactly (case-insensitive), or through a wildcard
    /// in the first label when `allowWildcard` (RFC 6125, Section 6.4.3).
    func matches(serverName: String, allowWildcard: Bool) -> Bool {
        let name = serverName.lowercased().trimmingSuffix(".")
        for pattern in dnsNames.map({ $0.lowercased().trimmingSuffix(".") }) {
            if pattern == name { return true }
            if allowWildcard, pattern.hasPrefix("*."), let dot = name.firstIndex(of: ".") {
                let suffix = pattern.dropFirst(1)
                let label = name[..<dot]
                if !label.isEmpty, name[dot...] == suffix, suffix.dropFirst().contains(".") { return true }
            }
        }
        return false
    }

    /// The first private key block of a PEM file (see `PEMCertificateLoader.privateKeyDocument`).
    private static func signingKey(pem: String) throws -> TLSSigningKey {
        try TLSSigningKey(pemEncoded: try PEMCertificateLoader.privateKeyDocument(fromPEM: pem).pemString)
    }

    private static func describe(_ chain: [[UInt8]]) -> Details {
        var details = Details()
        for (index, der) in chain.enumerated() {
            guard let certificate = try? Certificate(derEncoded: der) else {
                details.certificateSignatureSchemes.append(nil)
                continue
            }
            if index == 0, let names = try? certificate.extensions.subjectAlternativeNames {
                details.dnsNames = names.compactMap { name in
                    if case .dnsName(let dns) = name { return dns }
                    return nil
                }
            }
            details.certificateSignatureSchemes.append(scheme(of: certificate))
        }
        return details
    }

    /// The TLS name of the algorithm the issuer signed `certificate` with (RFC 8446, Section 4.2.3).
    private static func scheme(of certificate: Certificate) -> SignatureScheme? {
        switch certificate.signatureAlgorithm {
        case .ecdsaWithSHA256: .ecdsaSecp256r1SHA256
        case .ecdsaWithSHA384: .ecdsaSecp384r1SHA384
        case .ecdsaWithSHA512: .ecdsaSecp521r1SHA512
        case .sha256WithRSAEncryption: .rsaPKCS1SHA256
        case .sha384WithRSAEncryption: .rsaPKCS1SHA384
        case .sha512WithRSAEncryption: .rsaPKCS1SHA512
        case .ed25519: .ed25519
        default: nil
        }
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
