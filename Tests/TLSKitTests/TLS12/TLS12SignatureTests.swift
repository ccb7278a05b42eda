import Crypto
import Foundation
import Testing
import X509
import _CryptoExtras

@testable import TLSKit

/// Signatures under the TLS 1.2 rules (RFC 5246, Section 7.4.1.4.1; RFC 8446, Section 4.2.3;
/// RFC 8422, Section 5.1.3), next to the TLS 1.3 rules they must not change.
@Suite struct TLS12SignatureTests {
    let content = Array("client_random || server_random || ServerECDHParams, or the handshake messages".utf8)

    func expectBadSignature(_ body: () throws -> Void, _ comment: Comment) {
        do {
            try body()
            Issue.record("accepted: \(comment)")
        } catch let error as PeerMisbehaved {
            guard case .badSignature = error else { Issue.record("expected badSignature, got \(error): \(comment)"); return }
        } catch {
            Issue.record("expected badSignature, got \(error): \(comment)")
        }
    }

    func expectIllegalParameter(_ body: () throws -> Void, _ comment: Comment) {
        do {
            try body()
            Issue.record("accepted: \(comment)")
        } catch let error as PeerMisbehaved {
            guard case .illegalParameter = error else { Issue.record("expected illegalParameter, got \(error): \(comment)"); return }
        } catch {
            Issue.record("expected illegalParameter, got \(error): \(comment)")
        }
    }

    @Test(arguments: TLS12SigningFixture.keyTypes)
    func everyTLS12SchemeOfEveryKeyRoundTrips(_ type: DevelopmentKeyType) throws {
        let fixture = try TLS12SigningFixture.get(type)
        let schemes = fixture.key.supportedSchemes(for: .tls12)
        #expect(!schemes.isEmpty)
        for scheme in schemes {
            #expect(SignatureScheme.tls12HandshakeSchemes.contains(scheme))
            let signature = try fixture.key.sign(scheme: scheme, content: content, version: .tls12)
            try TLSSignatureVerification.verify(
                scheme: scheme, signature: signature, content: content, leafCertificateDER: fixture.certificateDER,
                version: .tls12)
            try TLSSignatureVerification.verify(
                scheme: scheme, signature: signature, content: content, publicKey: fixture.publicKey, version: .tls12)

            var tampered = signature
            tampered[tampered.count / 2] ^= 0x40
            expectBadSignature(
                {
                    try TLSSignatureVerification.verify(
                        scheme: scheme, signature: tampered, content: content, publicKey: fixture.publicKey, version: .tls12)
                }, "a changed \(scheme) signature")
            expectBadSignature(
                {
                    try TLSSignatureVerification.verify(
                        scheme: scheme, signature: signature, content: content + [0], publicKey: fixture.publicKey,
                        version: .tls12)
                }, "a \(scheme) signature over other content")
        }
    }

    /// Every scheme TLS 1.2 accepts is produced by one of the test keys (P-521 has no signing
    /// key in TLSKit, but ecdsa_secp521r1_sha512 means ECDSA with SHA-512 on any curve in TLS 1.2).
    @Test func theKeysCoverEveryTLS12Scheme() throws {
        var covered: Set<SignatureScheme> = []
        for type in TLS12SigningFixture.keyTypes {
            covered.formUnion(try TLS12SigningFixture.get(type).key.supportedSchemes(for: .tls12))
        }
        #expect(covered == Set(SignatureScheme.tls12HandshakeSchemes))
    }

    @Test func keyPreferenceOrderInTLS12() throws {
        #expect(
            try TLS12SigningFixture.get(.p256).key.supportedSchemes(for: .tls12)
                == [.ecdsaSecp256r1SHA256, .ecdsaSecp384r1SHA384, .ecdsaSecp521r1SHA512])
        #expect(try TLS12SigningFixture.get(.p384).key.supportedSchemes(for: .tls12).first == .ecdsaSecp384r1SHA384)
        #expect(try TLS12SigningFixture.get(.ed25519).key.supportedSchemes(for: .tls12) == [.ed25519])
        #expect(
            try TLS12SigningFixture.get(.rsa2048).key.supportedSchemes(for: .tls12)
                == [.rsaPSSRSAESHA256, .rsaPSSRSAESHA384, .rsaPSSRSAESHA512, .rsaPKCS1SHA256, .rsaPKCS1SHA384, .rsaPKCS1SHA512])
    }

    @Test(arguments: [SignatureScheme.rsaPKCS1SHA256, .rsaPKCS1SHA384, .rsaPKCS1SHA512])
    func pkcs1IsAcceptedInTLS12AndRefusedInTLS13(_ scheme: SignatureScheme) throws {
        let rsa = try TLS12SigningFixture.get(.rsa2048)
        let signature = try rsa.key.sign(scheme: scheme, content: content, version: .tls12)
        #expect(signature.count == 256)
        try TLSSignatureVerification.verify(
            scheme: scheme, signature: signature, content: content, publicKey: rsa.publicKey, version: .tls12)
        #expect(throws: PeerMisbehaved.illegalParameter("signature scheme \(scheme) is not allowed in a TLS 1.3 CertificateVerify")) {
            try TLSSignatureVerification.verify(
                scheme: scheme, signature: signature, content: content, publicKey: rsa.publicKey, version: .tls13)
        }
        // The TLS 1.3 functions without a version are unchanged.
        expectIllegalParameter(
            {
                try TLSSignatureVerification.verify(
                    scheme: scheme, signature: signature, content: content, leafCertificateDER: rsa.certificateDER)
            }, "\(scheme) in TLS 1.3")
        #expect(throws: TLSError.self) { try rsa.key.sign(scheme: scheme, content: content, version: .tls13) }
        #expect(throws: TLSError.self) { try rsa.key.sign(scheme: scheme, content: content) }
        #expect(!rsa.key.supportedSchemes(for: .tls13).contains(scheme))
    }

    /// A PKCS#1 signature made with swift-crypto directly verifies, so the scheme really is
    /// RSASSA-PKCS1-v1_5 over the scheme's hash.
    @Test func pkcs1SignatureIsRSASSAPKCS1v15() throws {
        let rsa = try TLS12SigningFixture.get(.rsa2048)
        let signature = try rsa.key.sign(scheme: .rsaPKCS1SHA384, content: content, version: .tls12)
        let key = try #require(_RSA.Signing.PublicKey(rsa.publicKey))
        #expect(
            key.isValidSignature(
                _RSA.Signing.RSASignature(rawRepresentation: signature), for: SHA384.hash(data: content),
                padding: .insecurePKCS1v1_5))
        #expect(
            !key.isValidSignature(
                _RSA.Signing.RSASignature(rawRepresentation: signature), for: SHA384.hash(data: content), padding: .PSS))
    }

    /// In TLS 1.2 the ECDSA code points name the hash only (RFC 8446, Section 4.2.3).
    @Test func p384KeyWithSHA256IsValidInTLS12Only() throws {
        let p384 = try TLS12SigningFixture.get(.p384)
        let signature = try p384.key.sign(scheme: .ecdsaSecp256r1SHA256, content: content, version: .tls12)
        try TLSSignatureVerification.verify(
            scheme: .ecdsaSecp256r1SHA256, signature: signature, content: content, leafCertificateDER: p384.certificateDER,
            version: .tls12)
        // It is ECDSA P-384 over SHA-256(content).
        let key = try #require(P384.Signing.PublicKey(p384.publicKey))
        let parsed = try P384.Signing.ECDSASignature(derRepresentation: signature)
        #expect(key.isValidSignature(parsed, for: SHA256.hash(data: content)))
        #expect(!key.isValidSignature(parsed, for: SHA384.hash(data: content)))

        expectIllegalParameter(
            {
                try TLSSignatureVerification.verify(
                    scheme: .ecdsaSecp256r1SHA256, signature: signature, content: content, publicKey: p384.publicKey,
                    version: .tls13)
            }, "P-384 with ecdsa_secp256r1_sha256 in TLS 1.3")
        #expect(throws: TLSError.self) { try p384.key.sign(scheme: .ecdsaSecp256r1SHA256, content: content, version: .tls13) }
        #expect(throws: TLSError.self) { try p384.key.sign(scheme: .ecdsaSecp256r1SHA256, content: content) }
    }

    @Test func p256KeyWithSHA384AndSHA512IsValidInTLS12() throws {
        let p256 = try TLS12SigningFixture.get(.p256)
        for scheme in [SignatureScheme.ecdsaSecp384r1SHA384, .ecdsaSecp521r1SHA512] {
            let signature = try p256.key.sign(scheme: scheme, content: content, version: .tls12)
            try TLSSignatureVerification.verify(
                scheme: scheme, signature: signature, content: content, publicKey: p256.publicKey, version: .tls12)
            expectIllegalParameter(
                {
                    try TLSSignatureVerification.verify(
                        scheme: scheme, signature: signature, content: content, publicKey: p256.publicKey, version: .tls13)
                }, "P-256 with \(scheme) in TLS 1.3")
        }
    }

    /// A P-521 certificate key (which TLSKit cannot sign with, but a server may present)
    /// verifies in TLS 1.2 with any of the ECDSA hashes.
    @Test func p521CertificateKeyVerifiesInTLS12() throws {
        let key = P521.Signing.PrivateKey()
        let publicKey = Certificate.PublicKey(key.publicKey)
        let cases: [(SignatureScheme, [UInt8])] = [
            (.ecdsaSecp256r1SHA256, Array(try key.signature(for: SHA256.hash(data: content)).derRepresentation)),
            (.ecdsaSecp384r1SHA384, Array(try key.signature(for: SHA384.hash(data: content)).derRepresentation)),
            (.ecdsaSecp521r1SHA512, Array(try key.signature(for: SHA512.hash(data: content)).derRepresentation)),
        ]
        for (scheme, signature) in cases {
            try TLSSignatureVerification.verify(
                scheme: scheme, signature: signature, content: content, publicKey: publicKey, version: .tls12)
        }
        expectBadSignature(
            {
                try TLSSignatureVerification.verify(
                    scheme: .ecdsaSecp256r1SHA256, signature: cases[2].1, content: content, publicKey: publicKey,
                    version: .tls12)
            }, "a SHA-512 signature checked as SHA-256")
    }

    /// SHA-1 and MD5 are refused even when the signature itself is valid.
    @Test func sha1AndMD5SchemesAreRefused() throws {
        let rsa = try TLS12SigningFixture.get(.rsa2048)
        let ecdsa = P256.Signing.PrivateKey()
        let sha1Signature = Array(try ecdsa.signature(for: Insecure.SHA1.hash(data: content)).derRepresentation)
        #expect(P256.Signing.PublicKey(Certificate.PublicKey(ecdsa.publicKey))?.isValidSignature(
            try P256.Signing.ECDSASignature(derRepresentation: sha1Signature), for: Insecure.SHA1.hash(data: content)) == true)
        do {
            try TLSSignatureVerification.verify(
                scheme: .ecdsaSHA1, signature: sha1Signature, content: content,
                publicKey: Certificate.PublicKey(ecdsa.publicKey), version: .tls12)
            Issue.record("ecdsa_sha1 was accepted")
        } catch let error as PeerMisbehaved {
            #expect(error.alert == .illegalParameter)
            #expect(error.tlsError.reason.contains("ecdsa_sha1"))
            #expect(error.tlsError.reason.contains("SHA-1"))
        }
        for scheme in [SignatureScheme.rsaPKCS1SHA1, .rsaPKCS1MD5, SignatureScheme(rawValue: 0x0301)] {
            expectIllegalParameter(
                {
                    try TLSSignatureVerification.verify(
                        scheme: scheme, signature: [UInt8](repeating: 1, count: 256), content: content,
                        publicKey: rsa.publicKey, version: .tls12)
                }, "\(scheme) in TLS 1.2")
            #expect(throws: TLSError.self) { try rsa.key.sign(scheme: scheme, content: content, version: .tls12) }
        }
        #expect(SignatureScheme.rsaPKCS1SHA1.hasBrokenHash && SignatureScheme.ecdsaSHA1.hasBrokenHash)
        #expect(SignatureScheme.rsaPKCS1MD5.hasBrokenHash)
        let broken = SignatureScheme.tls12HandshakeSchemes.filter { $0.hasBrokenHash }
        #expect(broken.isEmpty)
        #expect("\(SignatureScheme.rsaPKCS1SHA1)" == "rsa_pkcs1_sha1")
    }

    @Test func schemesThatDoNotFitTheKeyAreIllegalParameters() throws {
        let p256 = try TLS12SigningFixture.get(.p256)
        let rsa = try TLS12SigningFixture.get(.rsa2048)
        let ed25519 = try TLS12SigningFixture.get(.ed25519)
        let ecdsaSignature = try p256.key.sign(scheme: .ecdsaSecp256r1SHA256, content: content, version: .tls12)
        for scheme in [SignatureScheme.ed25519, .rsaPSSRSAESHA256, .rsaPKCS1SHA256] {
            expectIllegalParameter(
                {
                    try TLSSignatureVerification.verify(
                        scheme: scheme, signature: ecdsaSignature, content: content, publicKey: p256.publicKey, version: .tls12)
                }, "\(scheme) with a P-256 key")
            #expect(throws: TLSError.self) { try p256.key.sign(scheme: scheme, content: content, version: .tls12) }
        }
        let rsaSignature = try rsa.key.sign(scheme: .rsaPKCS1SHA256, content: content, version: .tls12)
        for scheme in [SignatureScheme.ecdsaSecp256r1SHA256, .ecdsaSecp521r1SHA512, .ed25519] {
            expectIllegalParameter(
                {
                    try TLSSignatureVerification.verify(
                        scheme: scheme, signature: rsaSignature, content: content, publicKey: rsa.publicKey, version: .tls12)
                }, "\(scheme) with an RSA key")
        }
        expectIllegalParameter(
            {
                try TLSSignatureVerification.verify(
                    scheme: .ecdsaSecp256r1SHA256, signature: ecdsaSignature, content: content, publicKey: ed25519.publicKey,
                    version: .tls12)
            }, "ECDSA with an Ed25519 key")
        #expect(throws: TLSError.self) { try ed25519.key.sign(scheme: .ecdsaSecp256r1SHA256, content: content, version: .tls12) }
    }

    @Test func malformedSignaturesAreBadSignatures() throws {
        let rsa = try TLS12SigningFixture.get(.rsa2048)
        let p384 = try TLS12SigningFixture.get(.p384)
        let signature = try rsa.key.sign(scheme: .rsaPKCS1SHA256, content: content, version: .tls12)
        for wrong in [Array(signature.dropLast()), signature + [0], [], [UInt8](repeating: 0xFF, count: 256)] {
            expectBadSignature(
                {
                    try TLSSignatureVerification.verify(
                        scheme: .rsaPKCS1SHA256, signature: wrong, content: content, publicKey: rsa.publicKey, version: .tls12)
                }, "a PKCS#1 signature of \(wrong.count) bytes")
        }
        for wrong: [UInt8] in [[], [0x30, 0x00], [0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00]] {
            expectBadSignature(
                {
                    try TLSSignatureVerification.verify(
                        scheme: .ecdsaSecp256r1SHA256, signature: wrong, content: content, publicKey: p384.publicKey,
                        version: .tls12)
                }, "an ECDSA signature \(wrong)")
        }
    }

    /// The TLS 1.3 rules are what they were: the version-aware functions with `.tls13` agree
    /// with the original ones.
    @Test(arguments: TLS12SigningFixture.keyTypes)
    func tls13RulesAreUnchanged(_ type: DevelopmentKeyType) throws {
        let fixture = try TLS12SigningFixture.get(type)
        #expect(fixture.key.supportedSchemes(for: .tls13) == fixture.key.supportedSchemes)
        #expect(fixture.key.supportedSchemes.allSatisfy(SignatureScheme.tls13HandshakeSchemes.contains))
        for scheme in fixture.key.supportedSchemes {
            let viaVersion = try fixture.key.sign(scheme: scheme, content: content, version: .tls13)
            try TLSSignatureVerification.verify(
                scheme: scheme, signature: viaVersion, content: content, leafCertificateDER: fixture.certificateDER)
            let original = try fixture.key.sign(scheme: scheme, content: content)
            try TLSSignatureVerification.verify(
                scheme: scheme, signature: original, content: content, publicKey: fixture.publicKey, version: .tls13)
            // What TLS 1.3 accepts, TLS 1.2 accepts too.
            try TLSSignatureVerification.verify(
                scheme: scheme, signature: original, content: content, publicKey: fixture.publicKey, version: .tls12)
        }
    }

    @Test func otherVersionsHaveNoSchemes() throws {
        let p256 = try TLS12SigningFixture.get(.p256)
        #expect(p256.key.supportedSchemes(for: .tls11).isEmpty)
        #expect(throws: TLSError.self) { try p256.key.sign(scheme: .ecdsaSecp256r1SHA256, content: content, version: .tls11) }
        let signature = try p256.key.sign(scheme: .ecdsaSecp256r1SHA256, content: content, version: .tls12)
        #expect(throws: TLSError.self) {
            try TLSSignatureVerification.verify(
                scheme: .ecdsaSecp256r1SHA256, signature: signature, content: content, publicKey: p256.publicKey,
                version: .tls10)
        }
    }

    @Test func garbageCertificateIsADecodeError() {
        #expect(throws: DecodeError.self) {
            try TLSSignatureVerification.verify(
                scheme: .rsaPKCS1SHA256, signature: [UInt8](repeating: 0, count: 256), content: content,
                leafCertificateDER: [0x30, 0x03, 1, 2, 3], version: .tls12)
        }
    }

    @Test func signingCountsSignatures() async throws {
        let p256 = try TLS12SigningFixture.get(.p256)
        let counter = SignatureCounter()
        try SignatureCounter.$current.withValue(counter) {
            _ = try p256.key.sign(scheme: .ecdsaSecp384r1SHA384, content: content, version: .tls12)
            _ = try p256.key.sign(scheme: .ecdsaSecp256r1SHA256, content: content, version: .tls13)
        }
        #expect(counter.count == 2)
    }
}
