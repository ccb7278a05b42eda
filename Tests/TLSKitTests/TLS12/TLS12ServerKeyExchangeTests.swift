import Crypto
import NIOCore
import Testing
import X509

@testable import TLSKit

/// The ECDHE ServerKeyExchange of TLS 1.2 (RFC 8422, Section 5.4; RFC 5246, Section 7.4.3):
/// made and signed by the server, checked by the client, and both ends at the same
/// premaster secret.
@Suite struct TLS12ServerKeyExchangeTests {
    let clientRandom = RandomBytes.generate(count: 32)
    let serverRandom = RandomBytes.generate(count: 32)
    static let offeredGroups: [NamedGroup] = [.x25519MLKEM768, .x25519, .secp256r1, .secp384r1]
    static let offeredSchemes = SignatureScheme.tls12HandshakeSchemes

    func make(
        _ type: DevelopmentKeyType, group: NamedGroup = .x25519, peerSchemes: [SignatureScheme]? = offeredSchemes
    ) throws -> (message: ServerKeyExchangeECDHE, keyPair: KeyExchangeKeyPair, fixture: TLS12SigningFixture) {
        let fixture = try TLS12SigningFixture.get(type)
        let keyPair = try TLS12ECDHEKeyExchange.generateKeyPair(group: group)
        let message = try TLS12ECDHEKeyExchange.makeServerKeyExchange(
            group: group, keyPair: keyPair, clientRandom: clientRandom, serverRandom: serverRandom,
            signingKey: fixture.key, peerSchemes: peerSchemes)
        return (message, keyPair, fixture)
    }

    func clientVerify(
        _ message: ServerKeyExchangeECDHE, _ fixture: TLS12SigningFixture, clientRandom: [UInt8]? = nil,
        offeredSchemes: [SignatureScheme] = offeredSchemes, offeredGroups: [NamedGroup] = offeredGroups
    ) throws -> TLS12ECDHEClientKeyShare {
        try TLS12ECDHEKeyExchange.verify(
            serverKeyExchange: message, clientRandom: clientRandom ?? self.clientRandom, serverRandom: serverRandom,
            leafPublicKey: fixture.publicKey, offeredSchemes: offeredSchemes, offeredGroups: offeredGroups)
    }

    func bytes(_ key: SymmetricKey) -> [UInt8] { key.withUnsafeBytes { Array($0) } }

    func alert(_ body: () throws -> Void) -> AlertDescription? { TLS12SigningFixture.alert(body) }

    /// A ServerKeyExchange with `publicKey` on `group`, validly signed by `fixture`'s key.
    func signed(_ publicKey: [UInt8], group: NamedGroup, by fixture: TLS12SigningFixture) throws -> ServerKeyExchangeECDHE {
        let scheme = try #require(fixture.key.supportedSchemes(for: .tls12).first)
        let content = ServerKeyExchangeECDHE.signedContent(
            clientRandom: clientRandom, serverRandom: serverRandom, namedCurve: group, publicKey: publicKey)
        return ServerKeyExchangeECDHE(
            namedCurve: group, publicKey: publicKey, algorithm: scheme,
            signature: try fixture.key.sign(scheme: scheme, content: content, version: .tls12))
    }

    @Test(arguments: TLS12SigningFixture.keyTypes, TLS12ECDHEKeyExchange.groups)
    func bothEndsAgreeOnThePremasterSecret(_ type: DevelopmentKeyType, _ group: NamedGroup) throws {
        let (message, keyPair, fixture) = try make(type, group: group)
        #expect(message.namedCurve == group)
        #expect(message.publicKey == keyPair.publicKeyShare)
        #expect(message.algorithm == fixture.key.supportedSchemes(for: .tls12).first)

        // Across the wire and back.
        var buffer = ByteBuffer()
        message.encodeBody(into: &buffer)
        let received = try ServerKeyExchangeECDHE.decodeBody(&buffer)
        #expect(received == message)

        let share = try clientVerify(received, fixture)
        let (pointLength, secretLength) = group == .x25519 ? (32, 32) : group == .secp256r1 ? (65, 32) : (97, 48)
        #expect(share.publicKey.count == pointLength)
        #expect(share.preMasterSecret.bitCount == secretLength * 8)
        #expect(share.clientKeyExchange == .ecdhe(ecdhYc: share.publicKey))
        let serverSecret = try TLS12ECDHEKeyExchange.serverPreMasterSecret(keyPair: keyPair, clientPublicKey: share.publicKey)
        #expect(bytes(serverSecret) == bytes(share.preMasterSecret))

        // The signature is over client_random || server_random || ServerECDHParams.
        let content = clientRandom + serverRandom + message.serverECDHParams
        try TLSSignatureVerification.verify(
            scheme: message.algorithm, signature: message.signature, content: content, publicKey: fixture.publicKey,
            version: .tls12)
    }

    @Test func theServerSignsWithWhatTheClientOffers() throws {
        let rsa = try make(.rsa2048, peerSchemes: [.rsaPKCS1SHA1, .rsaPKCS1SHA256])
        #expect(rsa.message.algorithm == .rsaPKCS1SHA256)
        _ = try clientVerify(rsa.message, rsa.fixture)
        let p384 = try make(.p384, peerSchemes: [.ecdsaSecp256r1SHA256])
        #expect(p384.message.algorithm == .ecdsaSecp256r1SHA256)
        _ = try clientVerify(p384.message, p384.fixture)
    }

    @Test func noSharedSchemeIsAHandshakeFailure() throws {
        #expect(alert { _ = try make(.p256, peerSchemes: nil) } == .handshakeFailure)
        #expect(alert { _ = try make(.p256, peerSchemes: [.rsaPKCS1SHA256, .ed25519]) } == .handshakeFailure)
        #expect(throws: PeerIncompatible.self) { _ = try make(.rsa2048, peerSchemes: [.rsaPKCS1SHA1]) }
    }

    @Test(arguments: TLS12SigningFixture.keyTypes)
    func tamperingIsADecryptError(_ type: DevelopmentKeyType) throws {
        let (message, _, fixture) = try make(type, group: .secp256r1)
        var tamperedPoint = message
        tamperedPoint.publicKey[10] ^= 1
        var otherGroup = message
        otherGroup.namedCurve = .secp384r1
        var tamperedSignature = message
        tamperedSignature.signature[tamperedSignature.signature.count / 2] ^= 0x10
        let cases: [(String, ServerKeyExchangeECDHE, [UInt8]?)] = [
            ("a changed point", tamperedPoint, nil),
            ("another group", otherGroup, nil),
            ("a changed signature", tamperedSignature, nil),
            ("another ClientHello.random", message, RandomBytes.generate(count: 32)),
            ("the randoms swapped", message, serverRandom),
        ]
        for (what, tampered, clientRandom) in cases {
            do {
                _ = try clientVerify(tampered, fixture, clientRandom: clientRandom)
                Issue.record("\(what) was accepted")
            } catch let error as TLSError {
                #expect(error.alert == .decryptError, "\(what)")
                #expect(error.code == .peerMisbehaved)
                #expect(error.reason.contains("ServerKeyExchange"))
            } catch {
                Issue.record("\(what): expected a decrypt_error TLSError, got \(error)")
            }
        }
    }

    /// Another scheme that fits the key (the hash changes, so the signature does not verify).
    @Test func anotherHashIsADecryptError() throws {
        var (message, _, fixture) = try make(.p256)
        message.algorithm = .ecdsaSecp384r1SHA384
        #expect(alert { _ = try clientVerify(message, fixture) } == .decryptError)
        var rsa = try make(.rsa2048, peerSchemes: [.rsaPKCS1SHA256])
        rsa.message.algorithm = .rsaPSSRSAESHA256
        #expect(alert { _ = try clientVerify(rsa.message, rsa.fixture) } == .decryptError)
    }

    @Test func aGroupTheClientDidNotOfferIsAnIllegalParameter() throws {
        let (message, _, fixture) = try make(.p256, group: .x25519)
        do {
            _ = try clientVerify(message, fixture, offeredGroups: [.secp256r1, .secp384r1])
            Issue.record("an unoffered group was accepted")
        } catch let error as PeerMisbehaved {
            #expect(error.alert == .illegalParameter)
            #expect(error.tlsError.reason.contains("x25519"))
        }
    }

    @Test func aSchemeTheClientDidNotOfferIsAnIllegalParameter() throws {
        let (message, _, fixture) = try make(.p256)
        #expect(message.algorithm == .ecdsaSecp256r1SHA256)
        #expect(
            alert { _ = try clientVerify(message, fixture, offeredSchemes: [.ecdsaSecp384r1SHA384, .ed25519]) }
                == .illegalParameter)
    }

    /// Offered, but not for this certificate's key, or not in TLS 1.2 at all.
    @Test func aSchemeThatDoesNotFitTheCertificateIsAnIllegalParameter() throws {
        var (message, _, fixture) = try make(.p256)
        for scheme in [SignatureScheme.rsaPKCS1SHA256, .ed25519, .rsaPSSRSAESHA256] {
            message.algorithm = scheme
            #expect(alert { _ = try clientVerify(message, fixture) } == .illegalParameter, "\(scheme)")
        }
        message.algorithm = .ecdsaSHA1
        #expect(
            alert { _ = try clientVerify(message, fixture, offeredSchemes: Self.offeredSchemes + [.ecdsaSHA1]) }
                == .illegalParameter)
        // A valid signature from a different key than the certificate's.
        let other = try TLS12SigningFixture.get(.p384)
        let (foreign, _, _) = try make(.p256)
        #expect(alert { _ = try clientVerify(foreign, other) } == .decryptError)
    }

    /// X25519MLKEM768 is a TLS 1.3 group: a client that offered it for TLS 1.3 refuses it in
    /// a TLS 1.2 ServerKeyExchange, and the server cannot make one.
    @Test func x25519MLKEM768IsNotATLS12Group() throws {
        let fixture = try TLS12SigningFixture.get(.p256)
        let share = [UInt8](repeating: 0x42, count: 1120)
        let message = try signed(share, group: .x25519MLKEM768, by: fixture)
        do {
            _ = try clientVerify(message, fixture)
            Issue.record("X25519MLKEM768 was accepted in TLS 1.2")
        } catch let error as PeerMisbehaved {
            #expect(error.alert == .illegalParameter)
            #expect(error.tlsError.reason.contains("not a TLS 1.2 ECDHE group"))
        }
        #expect(throws: TLSError.self) { _ = try TLS12ECDHEKeyExchange.generateKeyPair(group: .x25519MLKEM768) }
        let x25519 = try TLS12ECDHEKeyExchange.generateKeyPair(group: .x25519)
        #expect(throws: TLSError.self) {
            _ = try TLS12ECDHEKeyExchange.makeServerKeyExchange(
                group: .x25519MLKEM768, keyPair: x25519, clientRandom: clientRandom, serverRandom: serverRandom,
                signingKey: fixture.key, peerSchemes: Self.offeredSchemes)
        }
        #expect(!TLS12ECDHEKeyExchange.groups.contains(.x25519MLKEM768))
        #expect(throws: TLSError.self) { _ = try TLS12ECDHEKeyExchange.generateKeyPair(group: .secp521r1) }
    }

    @Test func callerMistakesAreInternalErrors() throws {
        let fixture = try TLS12SigningFixture.get(.p256)
        let x25519 = try TLS12ECDHEKeyExchange.generateKeyPair(group: .x25519)
        for (group, clientRandom) in [(NamedGroup.secp256r1, self.clientRandom), (.x25519, [UInt8](repeating: 0, count: 28))] {
            do {
                _ = try TLS12ECDHEKeyExchange.makeServerKeyExchange(
                    group: group, keyPair: x25519, clientRandom: clientRandom, serverRandom: serverRandom,
                    signingKey: fixture.key, peerSchemes: Self.offeredSchemes)
                Issue.record("made a ServerKeyExchange for \(group) with \(clientRandom.count) bytes of random")
            } catch let error as TLSError {
                #expect(error.code == .internalError)
            }
        }
    }

    /// A validly signed but unusable point: the all-zero X25519 key (its shared secret is all
    /// zeros, RFC 7748, Section 6.1) and points that are not on the curve or not uncompressed.
    @Test func unusableServerPointsAreIllegalParameters() throws {
        let fixture = try TLS12SigningFixture.get(.p256)
        let p256 = P256.KeyAgreement.PrivateKey().publicKey
        let points: [(NamedGroup, [UInt8], String)] = [
            (.x25519, [UInt8](repeating: 0, count: 32), "the all-zero X25519 key"),
            (.x25519, [1] + [UInt8](repeating: 0, count: 31), "a low-order X25519 point (u = 1)"),
            (.x25519, [UInt8](repeating: 9, count: 31), "a short X25519 key"),
            (.secp256r1, Array(p256.compressedRepresentation), "a compressed P-256 point"),
            (.secp256r1, [4] + [UInt8](repeating: 0x11, count: 64), "a point off the curve"),
            (.secp384r1, Array(p256.x963Representation), "a P-256 point for P-384"),
        ]
        for (group, point, what) in points {
            let message = try signed(point, group: group, by: fixture)
            #expect(alert { _ = try clientVerify(message, fixture) } == .illegalParameter, "\(what)")
        }
    }

    @Test func unusableClientPointsAreIllegalParameters() throws {
        let x25519 = try TLS12ECDHEKeyExchange.generateKeyPair(group: .x25519)
        let p384 = try TLS12ECDHEKeyExchange.generateKeyPair(group: .secp384r1)
        #expect(
            alert { _ = try TLS12ECDHEKeyExchange.serverPreMasterSecret(keyPair: x25519, clientPublicKey: [UInt8](repeating: 0, count: 32)) }
                == .illegalParameter)
        #expect(
            alert { _ = try TLS12ECDHEKeyExchange.serverPreMasterSecret(keyPair: p384, clientPublicKey: x25519.publicKeyShare) }
                == .illegalParameter)
        #expect(alert { _ = try TLS12ECDHEKeyExchange.serverPreMasterSecret(keyPair: p384, clientPublicKey: []) } == .illegalParameter)
    }
}
