import Crypto
import Foundation
import NIOCore
import Testing
import X509

@testable import TLSKit

/// Interop-grade known answers for the ServerKeyExchange signature: OpenSSL (the `openssl`
/// command) signs the signed content of a real ServerKeyExchange with a key it generated and
/// TLSKit's client checks it; TLSKit's server signs with that same key and OpenSSL verifies.
@Suite(.enabled(if: OpenSSLCommand.isAvailable, "needs the openssl command"))
struct TLS12OpenSSLSignatureTests {
    /// One scheme with the key OpenSSL makes for it and the options that select it.
    struct Case: Sendable, CustomTestStringConvertible {
        var scheme: SignatureScheme
        var keyName: String
        var generate: [String]
        /// For `openssl dgst`: the digest; nil for Ed25519, which goes through `pkeyutl -rawin`.
        var digest: String?
        var options: [String] = []

        var testDescription: String { "\(scheme) with \(keyName)" }

        static let rsa = ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"]
        static let pss = ["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:digest"]
        static func ec(_ curve: String) -> [String] { ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:\(curve)"] }
    }

    static let cases: [Case] = [
        Case(scheme: .ecdsaSecp256r1SHA256, keyName: "P-256", generate: Case.ec("P-256"), digest: "-sha256"),
        Case(scheme: .ecdsaSecp384r1SHA384, keyName: "P-384", generate: Case.ec("P-384"), digest: "-sha384"),
        // TLS 1.2 only: the ECDSA code point names the hash, not the curve.
        Case(scheme: .ecdsaSecp256r1SHA256, keyName: "P-384", generate: Case.ec("P-384"), digest: "-sha256"),
        Case(scheme: .ecdsaSecp521r1SHA512, keyName: "P-256", generate: Case.ec("P-256"), digest: "-sha512"),
        Case(scheme: .ed25519, keyName: "Ed25519", generate: ["-algorithm", "ED25519"], digest: nil),
        Case(scheme: .rsaPKCS1SHA256, keyName: "RSA-2048", generate: Case.rsa, digest: "-sha256"),
        Case(scheme: .rsaPKCS1SHA384, keyName: "RSA-2048", generate: Case.rsa, digest: "-sha384"),
        Case(scheme: .rsaPKCS1SHA512, keyName: "RSA-2048", generate: Case.rsa, digest: "-sha512"),
        Case(scheme: .rsaPSSRSAESHA256, keyName: "RSA-2048", generate: Case.rsa, digest: "-sha256", options: Case.pss),
        Case(scheme: .rsaPSSRSAESHA384, keyName: "RSA-2048", generate: Case.rsa, digest: "-sha384", options: Case.pss),
    ]

    let clientRandom = RandomBytes.generate(count: 32)
    let serverRandom = RandomBytes.generate(count: 32)

    /// An OpenSSL key for `testCase` in a fresh directory: key.pem (PKCS#8) and pub.pem (SPKI).
    func openSSLKey(_ testCase: Case) throws -> (openssl: OpenSSLCommand, publicKey: Certificate.PublicKey) {
        let openssl = try OpenSSLCommand()
        try openssl.succeed(["genpkey"] + testCase.generate + ["-out", "key.pem"])
        try openssl.succeed(["pkey", "-in", "key.pem", "-pubout", "-out", "pub.pem"])
        let publicKey = try Certificate.PublicKey(pemEncoded: try openssl.readText("pub.pem"))
        return (openssl, publicKey)
    }

    func sign(_ openssl: OpenSSLCommand, _ testCase: Case, content: String, signature: String) throws {
        if let digest = testCase.digest {
            try openssl.succeed(["dgst", digest, "-sign", "key.pem"] + testCase.options + ["-out", signature, content])
        } else {
            try openssl.succeed(["pkeyutl", "-sign", "-inkey", "key.pem", "-rawin", "-in", content, "-out", signature])
        }
    }

    /// Whether OpenSSL accepts `signature` over `content` with pub.pem.
    func openSSLVerifies(_ openssl: OpenSSLCommand, _ testCase: Case, content: String, signature: String) throws -> Bool {
        let (status, output): (Int32, String)
        if let digest = testCase.digest {
            (status, output) = try openssl.run(
                ["dgst", digest, "-verify", "pub.pem"] + testCase.options + ["-signature", signature, content])
            return status == 0 && output.contains("Verified OK")
        } else {
            (status, output) = try openssl.run(
                ["pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-in", content, "-sigfile", signature])
            return status == 0 && output.contains("Signature Verified Successfully")
        }
    }

    @Test(arguments: cases)
    func tlskitVerifiesAServerKeyExchangeSignedByOpenSSL(_ testCase: Case) throws {
        let (openssl, publicKey) = try openSSLKey(testCase)
        defer { openssl.remove() }
        let keyPair = try TLS12ECDHEKeyExchange.generateKeyPair(group: .x25519)
        let content = ServerKeyExchangeECDHE.signedContent(
            clientRandom: clientRandom, serverRandom: serverRandom, namedCurve: .x25519, publicKey: keyPair.publicKeyShare)
        try openssl.write(content, to: "content.bin")
        try sign(openssl, testCase, content: "content.bin", signature: "signature.bin")

        // The message as it arrives from the wire.
        var wire = ByteBuffer()
        ServerKeyExchangeECDHE(
            namedCurve: .x25519, publicKey: keyPair.publicKeyShare, algorithm: testCase.scheme,
            signature: try openssl.read("signature.bin")
        ).encodeBody(into: &wire)
        let message = try ServerKeyExchangeECDHE.decodeBody(&wire)

        let share = try TLS12ECDHEKeyExchange.verify(
            serverKeyExchange: message, clientRandom: clientRandom, serverRandom: serverRandom, leafPublicKey: publicKey,
            offeredSchemes: SignatureScheme.tls12HandshakeSchemes, offeredGroups: [.x25519])
        let serverSecret = try TLS12ECDHEKeyExchange.serverPreMasterSecret(keyPair: keyPair, clientPublicKey: share.publicKey)
        #expect(serverSecret == share.preMasterSecret)

        // The same signature under another ServerHello.random is refused.
        #expect(
            TLS12SigningFixture.alert {
                _ = try TLS12ECDHEKeyExchange.verify(
                    serverKeyExchange: message, clientRandom: clientRandom, serverRandom: RandomBytes.generate(count: 32),
                    leafPublicKey: publicKey, offeredSchemes: SignatureScheme.tls12HandshakeSchemes, offeredGroups: [.x25519])
            } == .decryptError)
    }

    @Test(arguments: cases)
    func openSSLVerifiesAServerKeyExchangeSignedByTLSKit(_ testCase: Case) throws {
        let (openssl, publicKey) = try openSSLKey(testCase)
        defer { openssl.remove() }
        // TLSKit reads the key OpenSSL wrote.
        let key = try TLSSigningKey(pemEncoded: try openssl.readText("key.pem"))
        #expect(key.publicKey == publicKey)
        let keyPair = try TLS12ECDHEKeyExchange.generateKeyPair(group: .secp256r1)
        let message = try TLS12ECDHEKeyExchange.makeServerKeyExchange(
            group: .secp256r1, keyPair: keyPair, clientRandom: clientRandom, serverRandom: serverRandom, signingKey: key,
            peerSchemes: [testCase.scheme])
        #expect(message.algorithm == testCase.scheme)
        let content = message.signedContent(clientRandom: clientRandom, serverRandom: serverRandom)
        #expect(content == clientRandom + serverRandom + [3, 0x00, 0x17, 65] + keyPair.publicKeyShare)
        try openssl.write(content, to: "content.bin")
        try openssl.write(message.signature, to: "signature.bin")
        #expect(try openSSLVerifies(openssl, testCase, content: "content.bin", signature: "signature.bin"))

        // OpenSSL really checks: other content fails.
        var other = content
        other[0] ^= 1
        try openssl.write(other, to: "other.bin")
        #expect(try !openSSLVerifies(openssl, testCase, content: "other.bin", signature: "signature.bin"))
    }

    /// The TLS 1.2 CertificateVerify (a signature over the handshake messages) the same way.
    @Test func openSSLAndTLSKitAgreeOnACertificateVerify() throws {
        let testCase = Self.cases[5]  // rsa_pkcs1_sha256, the most common TLS 1.2 client signature
        let (openssl, publicKey) = try openSSLKey(testCase)
        defer { openssl.remove() }
        let messages = RandomBytes.generate(count: 3000)
        try openssl.write(messages, to: "messages.bin")
        try sign(openssl, testCase, content: "messages.bin", signature: "signature.bin")
        // A self-signed certificate from OpenSSL for the key, as a client would present it.
        try openssl.succeed([
            "req", "-new", "-x509", "-key", "key.pem", "-subj", "/CN=tlskit client", "-days", "1", "-outform", "DER",
            "-out", "client.der",
        ])
        let certificate = try openssl.read("client.der")
        let fromOpenSSL = CertificateVerify(algorithm: testCase.scheme, signature: try openssl.read("signature.bin"))
        try TLS12CertificateVerify.verify(
            fromOpenSSL, handshakeMessages: messages, offered: [.rsaPKCS1SHA256], clientCertificates: [certificate])
        try TLSSignatureVerification.verify(
            scheme: fromOpenSSL.algorithm, signature: fromOpenSSL.signature, content: messages, publicKey: publicKey,
            version: .tls12)

        let key = try TLSSigningKey(pemEncoded: try openssl.readText("key.pem"))
        let fromTLSKit = try TLS12CertificateVerify.sign(handshakeMessages: messages, key: key, scheme: testCase.scheme)
        try openssl.write(fromTLSKit.signature, to: "ours.bin")
        #expect(try openSSLVerifies(openssl, testCase, content: "messages.bin", signature: "ours.bin"))
    }
}
