import Crypto
import NIOCore
import Testing
import X509
import _CryptoExtras

@testable import TLSKit

/// The TLS 1.2 CertificateVerify (RFC 5246, Section 7.4.8): a signature over the handshake
/// messages themselves, with no context string and no transcript hash.
@Suite struct TLS12CertificateVerifyTests {
    /// Stand-ins for ClientHello ... ClientKeyExchange, headers and all.
    let handshakeMessages: [UInt8] = [1, 0, 0, 4, 3, 3, 0xAA, 0xBB] + RandomBytes.generate(count: 600) + [16, 0, 0, 2, 1, 7]
    static let requested: [SignatureScheme] = [.ed25519, .ecdsaSecp256r1SHA256, .ecdsaSecp384r1SHA384, .rsaPSSRSAESHA256, .rsaPKCS1SHA256]

    func alert(_ body: () throws -> Void) -> AlertDescription? { TLS12SigningFixture.alert(body) }

    @Test(arguments: TLS12SigningFixture.keyTypes)
    func signAndVerifyWithTheSchemeTheRequestAllows(_ type: DevelopmentKeyType) throws {
        let fixture = try TLS12SigningFixture.get(type)
        let scheme = try TLS12SignatureSelection.select(key: fixture.key, peerSchemes: Self.requested, peer: .server)
        let message = try TLS12CertificateVerify.sign(handshakeMessages: handshakeMessages, key: fixture.key, scheme: scheme)
        #expect(message.algorithm == scheme)
        try TLS12CertificateVerify.verify(
            message, handshakeMessages: handshakeMessages, offered: Self.requested, clientCertificates: [fixture.certificateDER])
        try TLS12CertificateVerify.verify(
            message, handshakeMessages: ByteBuffer(bytes: handshakeMessages), offered: Self.requested,
            clientCertificates: [fixture.certificateDER])

        // A different transcript (one message more, one byte changed) is a decrypt_error.
        var changed = handshakeMessages
        changed[5] ^= 1
        for other in [handshakeMessages + [20, 0, 0, 0], changed] {
            #expect(
                alert {
                    try TLS12CertificateVerify.verify(
                        message, handshakeMessages: other, offered: Self.requested, clientCertificates: [fixture.certificateDER])
                } == .decryptError)
        }
    }

    @Test func theByteBufferFormSignsTheReadableBytes() throws {
        let fixture = try TLS12SigningFixture.get(.ed25519)
        var buffer = ByteBuffer(bytes: [0xFF, 0xFF] + handshakeMessages)
        buffer.moveReaderIndex(forwardBy: 2)
        let message = try TLS12CertificateVerify.sign(handshakeMessages: buffer, key: fixture.key, scheme: .ed25519)
        try TLS12CertificateVerify.verify(
            message, handshakeMessages: handshakeMessages, offered: [.ed25519], clientCertificates: [fixture.certificateDER])
    }

    /// The signature is over handshake_messages directly: checked with swift-crypto alone.
    @Test func theSignatureIsOverTheMessagesThemselves() throws {
        let p256 = try TLS12SigningFixture.get(.p256)
        let ecdsa = try TLS12CertificateVerify.sign(handshakeMessages: handshakeMessages, key: p256.key, scheme: .ecdsaSecp256r1SHA256)
        let ecdsaKey = try #require(P256.Signing.PublicKey(p256.publicKey))
        #expect(
            ecdsaKey.isValidSignature(
                try P256.Signing.ECDSASignature(derRepresentation: ecdsa.signature), for: SHA256.hash(data: handshakeMessages)))

        let rsa = try TLS12SigningFixture.get(.rsa2048)
        let pkcs1 = try TLS12CertificateVerify.sign(handshakeMessages: handshakeMessages, key: rsa.key, scheme: .rsaPKCS1SHA512)
        let rsaKey = try #require(_RSA.Signing.PublicKey(rsa.publicKey))
        #expect(
            rsaKey.isValidSignature(
                _RSA.Signing.RSASignature(rawRepresentation: pkcs1.signature), for: SHA512.hash(data: handshakeMessages),
                padding: .insecurePKCS1v1_5))

        let ed = try TLS12SigningFixture.get(.ed25519)
        let eddsa = try TLS12CertificateVerify.sign(handshakeMessages: handshakeMessages, key: ed.key, scheme: .ed25519)
        let edKey = try #require(Curve25519.Signing.PublicKey(ed.publicKey))
        #expect(edKey.isValidSignature(eddsa.signature, for: handshakeMessages))
    }

    @Test func aSchemeTheRequestDidNotOfferIsAnIllegalParameter() throws {
        let rsa = try TLS12SigningFixture.get(.rsa2048)
        let message = try TLS12CertificateVerify.sign(handshakeMessages: handshakeMessages, key: rsa.key, scheme: .rsaPKCS1SHA384)
        #expect(
            alert {
                try TLS12CertificateVerify.verify(
                    message, handshakeMessages: handshakeMessages, offered: Self.requested, clientCertificates: [rsa.certificateDER])
            } == .illegalParameter)
        // Offered, but the certificate holds another kind of key.
        let p256 = try TLS12SigningFixture.get(.p256)
        #expect(
            alert {
                try TLS12CertificateVerify.verify(
                    message, handshakeMessages: handshakeMessages, offered: [.rsaPKCS1SHA384],
                    clientCertificates: [p256.certificateDER])
            } == .illegalParameter)
        #expect(throws: TLSError.self) {
            _ = try TLS12CertificateVerify.sign(handshakeMessages: handshakeMessages, key: p256.key, scheme: .rsaPKCS1SHA256)
        }
    }

    @Test func aCertificateVerifyWithoutACertificateIsUnexpected() throws {
        let p256 = try TLS12SigningFixture.get(.p256)
        let message = try TLS12CertificateVerify.sign(handshakeMessages: handshakeMessages, key: p256.key, scheme: .ecdsaSecp256r1SHA256)
        #expect(
            alert {
                try TLS12CertificateVerify.verify(
                    message, handshakeMessages: handshakeMessages, offered: Self.requested, clientCertificates: [])
            } == .unexpectedMessage)
        #expect(
            alert {
                try TLS12CertificateVerify.verify(
                    message, handshakeMessages: handshakeMessages, offered: Self.requested, clientCertificates: [[0x30, 0x00]])
            } == .decodeError)
    }
}
