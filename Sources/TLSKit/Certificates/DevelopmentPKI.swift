import Foundation
import SwiftASN1
import X509

/// A private PKI for development and tests: a root CA, an intermediate CA it signed, and
/// leaves the intermediate signs (RFC 5280 profiles: basic constraints, key usage, extended key
/// usage, subject alternative names, key identifiers).
///
/// Leaves can be made expired, not yet valid, for other names, or without serverAuth, to test
/// how peers reject them. Never use these certificates to protect anything real.
public struct DevelopmentPKI: Sendable {
    public var root: DevelopmentIdentity
    public var intermediate: DevelopmentIdentity

    public init(root: DevelopmentIdentity, intermediate: DevelopmentIdentity) {
        self.root = root
        self.intermediate = intermediate
    }

    /// A new root and intermediate, valid from an hour ago for ten years by default.
    public static func generate(
        rootName: String = "TLSKit Development Root",
        intermediateName: String = "TLSKit Development Intermediate",
        keyType: DevelopmentKeyType = .p256,
        notBefore: Date? = nil,
        notAfter: Date? = nil
    ) throws -> DevelopmentPKI {
        let root = try makeRootCA(commonName: rootName, keyType: keyType, notBefore: notBefore, notAfter: notAfter)
        let intermediate = try makeIntermediateCA(
            commonName: intermediateName,
            keyType: keyType,
            issuer: root,
            notBefore: notBefore,
            notAfter: notAfter
        )
        return DevelopmentPKI(root: root, intermediate: intermediate)
    }

    /// A self-signed root CA (basic constraints CA, key usage keyCertSign and cRLSign).
    public static func makeRootCA(
        commonName: String,
        keyType: DevelopmentKeyType = .p256,
        notBefore: Date? = nil,
        notAfter: Date? = nil
    ) throws -> DevelopmentIdentity {
        let (key, pem) = try keyType.generate()
        let name = try DistinguishedName {
            CommonName(commonName)
        }
        let extensions = try Certificate.Extensions {
            Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
            Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            SubjectKeyIdentifier(hash: key.publicKey)
        }
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: key.publicKey,
            notValidBefore: notBefore ?? Date().addingTimeInterval(-3600),
            notValidAfter: notAfter ?? Date().addingTimeInterval(10 * 365 * 86400),
            issuer: name,
            subject: name,
            extensions: extensions,
            issuerPrivateKey: key
        )
        return DevelopmentIdentity(certificate: certificate, privateKey: key, keyType: keyType, privateKeyPEM: pem)
    }

    /// An intermediate CA signed by `issuer` (path length 0: it may only sign leaves).
    public static func makeIntermediateCA(
        commonName: String,
        keyType: DevelopmentKeyType = .p256,
        issuer: DevelopmentIdentity,
        notBefore: Date? = nil,
        notAfter: Date? = nil
    ) throws -> DevelopmentIdentity {
        let (key, pem) = try keyType.generate()
        let extensions = try Certificate.Extensions {
            Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
            Critical(KeyUsage(digitalSignature: true, keyCertSign: true, cRLSign: true))
            SubjectKeyIdentifier(hash: key.publicKey)
            try authorityKeyIdentifier(of: issuer)
        }
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: key.publicKey,
            notValidBefore: notBefore ?? Date().addingTimeInterval(-3600),
            notValidAfter: notAfter ?? Date().addingTimeInterval(5 * 365 * 86400),
            issuer: issuer.certificate.subject,
            subject: try DistinguishedName {
                CommonName(commonName)
            },
            extensions: extensions,
            issuerPrivateKey: issuer.privateKey
        )
        return DevelopmentIdentity(certificate: certificate, privateKey: key, keyType: keyType, privateKeyPEM: pem)
    }

    /// An end-entity certificate signed by `issuer`.
    ///
    /// - Parameters:
    ///   - commonName: The subject's CN; defaults to the first DNS name. Never used for host matching.
    ///   - dnsNames: DNS subject alternative names (wildcards such as `*.example.com` allowed).
    ///   - ipAddresses: IP address literals (IPv4 or IPv6) for iPAddress subject alternative names.
    ///   - notBefore: Start of validity; an hour ago by default.
    ///   - notAfter: End of validity; 90 days from now by default. In the past makes an expired leaf.
    ///   - extendedKeyUsage: The EKU extension's usages; nil leaves the extension out.
    public static func makeLeaf(
        commonName: String? = nil,
        dnsNames: [String] = ["localhost"],
        ipAddresses: [String] = ["127.0.0.1"],
        keyType: DevelopmentKeyType = .p256,
        notBefore: Date? = nil,
        notAfter: Date? = nil,
        extendedKeyUsage: [ExtendedKeyUsage.Usage]? = [.serverAuth, .clientAuth],
        issuer: DevelopmentIdentity
    ) throws -> DevelopmentIdentity {
        let (key, pem) = try keyType.generate()
        var names: [GeneralName] = dnsNames.map { .dnsName($0) }
        for address in ipAddresses {
            guard let octets = IPAddressText.octets(address) else {
                throw TLSError(code: .configuration, reason: "'\(address)' is not an IP address")
            }
            names.append(.ipAddress(ASN1OctetString(contentBytes: octets[...])))
        }
        // RSA keys may also encipher (TLS 1.2 RSA key exchange); others only sign.
        let keyUsage = keyType.isRSA
            ? KeyUsage(digitalSignature: true, keyEncipherment: true)
            : KeyUsage(digitalSignature: true)
        var extensions = try Certificate.Extensions {
            Critical(BasicConstraints.notCertificateAuthority)
            Critical(keyUsage)
            SubjectKeyIdentifier(hash: key.publicKey)
            try authorityKeyIdentifier(of: issuer)
        }
        if !names.isEmpty {
            try extensions.append(Certificate.Extension(SubjectAlternativeNames(names), critical: false))
        }
        if let extendedKeyUsage {
            try extensions.append(Certificate.Extension(ExtendedKeyUsage(extendedKeyUsage), critical: false))
        }
        let cn = commonName ?? dnsNames.first ?? ipAddresses.first ?? "TLSKit Development Leaf"
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: key.publicKey,
            notValidBefore: notBefore ?? Date().addingTimeInterval(-3600),
            notValidAfter: notAfter ?? Date().addingTimeInterval(90 * 86400),
            issuer: issuer.certificate.subject,
            subject: try DistinguishedName {
                CommonName(cn)
            },
            extensions: extensions,
            issuerPrivateKey: issuer.privateKey
        )
        return DevelopmentIdentity(certificate: certificate, privateKey: key, keyType: keyType, privateKeyPEM: pem)
    }

    /// A leaf signed by this PKI's intermediate; see `makeLeaf(commonName:dnsNames:ipAddresses:keyType:notBefore:notAfter:extendedKeyUsage:issuer:)`.
    public func issueLeaf(
        commonName: String? = nil,
        dnsNames: [String] = ["localhost"],
        ipAddresses: [String] = ["127.0.0.1"],
        keyType: DevelopmentKeyType = .p256,
        notBefore: Date? = nil,
        notAfter: Date? = nil,
        extendedKeyUsage: [ExtendedKeyUsage.Usage]? = [.serverAuth, .clientAuth]
    ) throws -> DevelopmentIdentity {
        try Self.makeLeaf(
            commonName: commonName,
            dnsNames: dnsNames,
            ipAddresses: ipAddresses,
            keyType: keyType,
            notBefore: notBefore,
            notAfter: notAfter,
            extendedKeyUsage: extendedKeyUsage,
            issuer: intermediate
        )
    }

    /// What a server sends: the leaf, then this PKI's intermediate, as PEM.
    public func chainPEM(for leaf: DevelopmentIdentity) throws -> String {
        try leaf.certificatePEM() + intermediate.certificatePEM()
    }

    /// What a server sends, as DER, leaf first (the `chain` of a `CertificateVerificationRequest`).
    public func chainDER(for leaf: DevelopmentIdentity) throws -> [[UInt8]] {
        [try leaf.certificateDER(), try intermediate.certificateDER()]
    }

    private static func authorityKeyIdentifier(of issuer: DevelopmentIdentity) throws -> AuthorityKeyIdentifier {
        let keyIdentifier = try issuer.certificate.extensions.subjectKeyIdentifier?.keyIdentifier
            ?? SubjectKeyIdentifier(hash: issuer.certificate.publicKey).keyIdentifier
        return AuthorityKeyIdentifier(keyIdentifier: keyIdentifier)
    }
}
