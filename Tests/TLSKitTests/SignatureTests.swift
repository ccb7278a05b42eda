import Crypto
import Foundation
import SwiftASN1
import Testing
import X509
import _CryptoExtras

@testable import TLSKit

/// Builds a self-signed certificate for `key` and returns its DER.
func selfSignedCertificateDER(for key: TLSSigningKey, issuerKey: Certificate.PrivateKey) throws -> [UInt8] {
    let name = try DistinguishedName { CommonName("tlskit test") }
    let now = Date()
    let certificate = try Certificate(
        version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: key.publicKey,
        notValidBefore: now - 60, notValidAfter: now + 3600, issuer: name, subject: name,
        extensions: Certificate.Extensions {}, issuerPrivateKey: issuerKey)
    var serializer = DER.Serializer()
    try serializer.serialize(certificate)
    return serializer.serializedBytes
}

@Suite struct SignatureTests {
    /// One RSA key for all RSA tests: generating keys is slow.
    static let rsaKey: _RSA.Signing.PrivateKey? = try? _RSA.Signing.PrivateKey(keySize: .bits2048)

    struct Fixture {
        var key: TLSSigningKey
        var certificateDER: [UInt8]
    }

    static func fixture(for scheme: SignatureScheme) throws -> Fixture {
        switch scheme {
        case .ecdsaSecp256r1SHA256:
            let key = P256.Signing.PrivateKey()
            let signing = TLSSigningKey(key)
            return Fixture(key: signing, certificateDER: try selfSignedCertificateDER(for: signing, issuerKey: .init(key)))
        case .ecdsaSecp384r1SHA384:
            let key = P384.Signing.PrivateKey()
            let signing = TLSSigningKey(key)
            return Fixture(key: signing, certificateDER: try selfSignedCertificateDER(for: signing, issuerKey: .init(key)))
        case .ed25519:
            let key = Curve25519.Signing.PrivateKey()
            let signing = TLSSigningKey(key)
            return Fixture(key: signing, certificateDER: try selfSignedCertificateDER(for: signing, issuerKey: .init(key)))
        default:
            let key = try #require(rsaKey)
            let signing = TLSSigningKey(key)
            return Fixture(key: signing, certificateDER: try selfSignedCertificateDER(for: signing, issuerKey: .init(key)))
        }
    }

    static let schemes: [SignatureScheme] = SignatureScheme.tls13HandshakeSchemes

    let content = TLSSignatureVerification.certificateVerifyContent(
        transcriptHash: [UInt8](repeating: 0xAB, count: 32), isServer: true)

    @Test func certificateVerifyContentLayout() {
        let hash = [UInt8](repeating: 7, count: 48)
        let server = TLSSignatureVerification.certificateVerifyContent(transcriptHash: hash, isServer: true)
        #expect(server.prefix(64) == ArraySlice(repeating: 0x20, count: 64))
        #expect(Array(server[64..<(64 + 33)]) == Array("TLS 1.3, server CertificateVerify".utf8))
        #expect(server[64 + 33] == 0)
        #expect(Array(server.suffix(48)) == hash)
        #expect(server.count == 64 + 33 + 1 + 48)
        let client = TLSSignatureVerification.certificateVerifyContent(transcriptHash: hash, isServer: false)
        #expect(Array(client[64..<(64 + 33)]) == Array("TLS 1.3, client CertificateVerify".utf8))
    }

    @Test(arguments: schemes)
    func signAndVerify(scheme: SignatureScheme) throws {
        let fixture = try Self.fixture(for: scheme)
        #expect(fixture.key.supportedSchemes.contains(scheme))
        let signature = try fixture.key.sign(scheme: scheme, content: content)
        try TLSSignatureVerification.verify(
            scheme: scheme, signature: signature, content: content, leafCertificateDER: fixture.certificateDER)

        // A changed signature, or a signature over other content, is a bad signature.
        var tampered = signature
        tampered[tampered.count / 2] ^= 0x40
        #expect(throws: PeerMisbehaved.self) {
            try TLSSignatureVerification.verify(
                scheme: scheme, signature: tampered, content: content, leafCertificateDER: fixture.certificateDER)
        }
        let clientContent = TLSSignatureVerification.certificateVerifyContent(
            transcriptHash: [UInt8](repeating: 0xAB, count: 32), isServer: false)
        do {
            try TLSSignatureVerification.verify(
                scheme: scheme, signature: signature, content: clientContent, leafCertificateDER: fixture.certificateDER)
            Issue.record("a signature over other content verified")
        } catch let error as PeerMisbehaved {
            guard case .badSignature = error else { Issue.record("expected badSignature, got \(error)"); return }
        }
    }

    @Test func schemeThatDoesNotFitTheKeyIsIllegalParameter() throws {
        let p256 = try Self.fixture(for: .ecdsaSecp256r1SHA256)
        let signature = try p256.key.sign(scheme: .ecdsaSecp256r1SHA256, content: content)
        for scheme in [SignatureScheme.ecdsaSecp384r1SHA384, .ed25519, .rsaPSSRSAESHA256, .rsaPKCS1SHA256, .ecdsaSecp521r1SHA512] {
            do {
                try TLSSignatureVerification.verify(
                    scheme: scheme, signature: signature, content: content, leafCertificateDER: p256.certificateDER)
                Issue.record("\(scheme) verified with a P-256 key")
            } catch let error as PeerMisbehaved {
                guard case .illegalParameter = error else { Issue.record("expected illegalParameter, got \(error)"); return }
            }
        }
        #expect(throws: TLSError.self) { try p256.key.sign(scheme: .ed25519, content: content) }
    }

    @Test func pkcs1IsRefusedInCertificateVerify() throws {
        let rsa = try Self.fixture(for: .rsaPSSRSAESHA256)
        let key = try #require(Self.rsaKey)
        let signature = Array(try key.signature(for: SHA256.hash(data: content), padding: .insecurePKCS1v1_5).rawRepresentation)
        #expect(throws: PeerMisbehaved.illegalParameter("signature scheme rsa_pkcs1_sha256 is not allowed in a TLS 1.3 CertificateVerify")) {
            try TLSSignatureVerification.verify(
                scheme: .rsaPKCS1SHA256, signature: signature, content: content, leafCertificateDER: rsa.certificateDER)
        }
    }

    @Test func garbageCertificateIsADecodeError() {
        #expect(throws: DecodeError.self) {
            try TLSSignatureVerification.verify(
                scheme: .ed25519, signature: [UInt8](repeating: 0, count: 64), content: content, leafCertificateDER: [0x30, 0x03, 1, 2, 3])
        }
    }

    @Test func signingKeysFromPEM() throws {
        let p256 = P256.Signing.PrivateKey()
        let p384 = P384.Signing.PrivateKey()
        let ed25519 = Curve25519.Signing.PrivateKey()
        let rsa = try #require(Self.rsaKey)
        let cases: [(String, SignatureScheme, Certificate.PublicKey)] = [
            (p256.pemRepresentation, .ecdsaSecp256r1SHA256, Certificate.PublicKey(p256.publicKey)),  // PKCS#8
            (sec1PEM(p256), .ecdsaSecp256r1SHA256, Certificate.PublicKey(p256.publicKey)),
            (p384.pemRepresentation, .ecdsaSecp384r1SHA384, Certificate.PublicKey(p384.publicKey)),
            (ed25519.pemRepresentation, .ed25519, Certificate.PublicKey(ed25519.publicKey)),
            (rsa.pemRepresentation, .rsaPSSRSAESHA384, Certificate.PublicKey(rsa.publicKey)),  // PKCS#1
            (rsa.pkcs8PEMRepresentation, .rsaPSSRSAESHA512, Certificate.PublicKey(rsa.publicKey)),
        ]
        for (pem, scheme, publicKey) in cases {
            let key = try TLSSigningKey(pemEncoded: pem)
            #expect(key.publicKey == publicKey)
            let signature = try key.sign(scheme: scheme, content: content)
            try TLSSignatureVerification.verify(scheme: scheme, signature: signature, content: content, publicKey: publicKey)
        }
        #expect(throws: TLSError.self) { try TLSSigningKey(pemEncoded: "not a key") }
        #expect(throws: TLSError.self) {
            try TLSSigningKey(pemEncoded: "-----BEGIN CERTIFICATE-----\nMAMCAQE=\n-----END CERTIFICATE-----")
        }
    }

    /// A P-256 key as SEC1 "EC PRIVATE KEY" (RFC 5915), assembled by hand:
    /// SEQUENCE { INTEGER 1, OCTET STRING key, [0] OID prime256v1, [1] BIT STRING public key }.
    private func sec1PEM(_ key: P256.Signing.PrivateKey) -> String {
        var der: [UInt8] = [0x30, 0x77, 0x02, 0x01, 0x01, 0x04, 0x20] + Array(key.rawRepresentation)
        der += [0xA0, 0x0A, 0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07]
        der += [0xA1, 0x44, 0x03, 0x42, 0x00] + Array(key.publicKey.x963Representation)
        return PEMDocument(type: "EC PRIVATE KEY", derBytes: der).pemString
    }
}
