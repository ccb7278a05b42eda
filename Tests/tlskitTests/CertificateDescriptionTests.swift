import Crypto
import Foundation
import SwiftASN1
import TLSKit
import Testing
import X509
import _CryptoExtras

@testable import tlskit

@Suite struct CertificateDescriptionTests {
    static let notBefore = Date(timeIntervalSince1970: 1_700_000_000)  // 2023-11-14 22:13:20 UTC
    static let notAfter = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15 08:00:00 UTC

    /// A self-signed certificate for `publicKey`, signed by `signer`, DER encoded.
    static func makeCertificate(
        publicKey: Certificate.PublicKey, signer: Certificate.PrivateKey, algorithm: Certificate.SignatureAlgorithm,
        names: [GeneralName] = [.dnsName("example.com"), .ipAddress(ASN1OctetString(contentBytes: [192, 0, 2, 1]))]
    ) throws -> [UInt8] {
        let subject = try DistinguishedName {
            CountryName("US")
            OrganizationName("TLSKit Tests")
            CommonName("example.com")
        }
        let certificate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: publicKey,
            notValidBefore: notBefore, notValidAfter: notAfter,
            issuer: subject, subject: subject, signatureAlgorithm: algorithm,
            extensions: try Certificate.Extensions { SubjectAlternativeNames(names) },
            issuerPrivateKey: signer)
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return serializer.serializedBytes
    }

    @Test func describesAnECDSACertificate() throws {
        let key = P256.Signing.PrivateKey()
        let der = try Self.makeCertificate(
            publicKey: .init(key.publicKey), signer: .init(key), algorithm: .ecdsaWithSHA256)
        let description = try CertificateDescription(derEncoded: der)
        #expect(description.subject == "CN=example.com,O=TLSKit Tests,C=US")
        #expect(description.issuer == description.subject)
        #expect(description.keyType == "ECDSA P-256")
        #expect(description.subjectAlternativeNames == ["DNS:example.com", "IP:192.0.2.1"])
        #expect(description.lines(index: 0) == [
            " 0 subject: CN=example.com,O=TLSKit Tests,C=US",
            "   issuer:  CN=example.com,O=TLSKit Tests,C=US",
            "   valid:   2023-11-14 22:13:20 UTC to 2027-01-15 08:00:00 UTC",
            "   SANs:    DNS:example.com, IP:192.0.2.1",
            "   key:     ECDSA P-256",
        ])
    }

    @Test func namesKeyTypes() throws {
        let p384 = P384.Signing.PrivateKey()
        let ed25519 = Curve25519.Signing.PrivateKey()
        let rsa = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let cases: [([UInt8], String)] = [
            (try Self.makeCertificate(publicKey: .init(p384.publicKey), signer: .init(p384), algorithm: .ecdsaWithSHA384), "ECDSA P-384"),
            (try Self.makeCertificate(publicKey: .init(ed25519.publicKey), signer: .init(ed25519), algorithm: .ed25519), "Ed25519"),
            (try Self.makeCertificate(publicKey: .init(rsa.publicKey), signer: .init(rsa), algorithm: .sha256WithRSAEncryption), "RSA 2048"),
        ]
        for (der, keyType) in cases {
            #expect(try CertificateDescription(derEncoded: der).keyType == keyType)
        }
    }

    @Test func rejectsGarbage() {
        #expect(throws: (any Error).self) { try CertificateDescription(derEncoded: [0x30, 0x03, 0x02, 0x01]) }
    }

    @Test func formatsIPv6Addresses() {
        let loopback: [UInt8] = Array(repeating: 0, count: 15) + [1]
        #expect(CertificateDescription.formatIPAddress(loopback) == "::1")
        let documentation: [UInt8] = [0x20, 0x01, 0x0d, 0xb8] + Array(repeating: 0, count: 11) + [7]
        #expect(CertificateDescription.formatIPAddress(documentation) == "2001:db8::7")
        let noRun: [UInt8] = [0, 1, 0, 0, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7]
        #expect(CertificateDescription.formatIPAddress(noRun) == "1:0:2:3:4:5:6:7")
    }

    @Test func reportShowsNegotiatedParametersAndVerdict() throws {
        let key = P256.Signing.PrivateKey()
        let der = try Self.makeCertificate(publicKey: .init(key.publicKey), signer: .init(key), algorithm: .ecdsaWithSHA256)
        let summary = HandshakeSummary(
            version: .tls13, cipherSuite: .tlsAES256GCMSHA384, group: .x25519MLKEM768,
            signatureScheme: .ecdsaSecp256r1SHA256, applicationProtocol: "h2", helloRetryRequested: true,
            serverName: "example.com", peerCertificates: [der], verification: .trusted(chain: [der]))
        let report = ConnectionReport(
            target: HostPort(host: "example.com", port: 443), remoteAddress: "192.0.2.1:443", summary: summary)
        let lines = report.lines
        #expect(lines.first == "Connected to example.com:443 (192.0.2.1:443)")
        #expect(lines.contains("Certificate chain (1, leaf first)"))
        #expect(lines.contains(" 0 subject: CN=example.com,O=TLSKit Tests,C=US"))
        #expect(lines.contains("Protocol:          TLSv1.3"))
        #expect(lines.contains("Cipher suite:      TLS_AES_256_GCM_SHA384"))
        #expect(lines.contains("Key exchange:      X25519MLKEM768"))
        #expect(lines.contains("Signature scheme:  ecdsa_secp256r1_sha256"))
        #expect(lines.contains("ALPN protocol:     h2"))
        #expect(lines.contains("HelloRetryRequest: yes"))
        #expect(lines.contains("Verification:      verified: chain to 'CN=example.com,O=TLSKit Tests,C=US'"))
        #expect(ConnectionReport.describe(.skippedInsecure) == "NOT VERIFIED (--insecure)")
    }
}
