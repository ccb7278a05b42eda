import Foundation
import NIOCore
import Testing
@testable import TLSKit

/// The server's checks on what a client sends, each answered by the alert RFC 8446,
/// Section 6 names (Sections 4.1.2, 4.2, 4.4.4, 9.2), and the shape of its flights.
@Suite struct ServerRejectionTests {
    private func harness(_ change: (inout TLSServerConfiguration) -> Void = { _ in }) throws -> ServerHandshakeHarness {
        var configuration = try ServerTestPKI.get().serverConfiguration()
        change(&configuration)
        return try ServerHandshakeHarness(configuration: configuration)
    }

    /// A TLS 1.2 ClientHello now gets TLS 1.2; without the extended master secret, which the
    /// server requires by default (RFC 7627), it is a handshake_failure.
    @Test func tls12ClientHelloWithoutExtendedMasterSecretIsHandshakeFailure() throws {
        var harness = try harness()
        let hello = ClientHello(
            legacyVersion: .tls12, random: Array(repeating: 1, count: 32), legacySessionID: [],
            cipherSuites: [CipherSuite(rawValue: 0xC02B), CipherSuite(rawValue: 0xC02F)],
            extensions: [.supportedGroups([.x25519, .secp256r1]), .signatureAlgorithms([.ecdsaSecp256r1SHA256])])
        harness.receive(.clientHello(hello))
        let error = try harness.expectFailure(.handshakeFailure)
        #expect(error.code == .peerIncompatible)
        #expect(error.reason.contains("RFC 7627"))
    }

    @Test func supportedVersionsWithoutTLS12Or13IsProtocolVersion() throws {
        var harness = try harness()
        var (hello, _) = try ServerHandshakeHarness.clientHello()
        hello.extensions[0] = .supportedVersionsClient([.tls11, .tls10])
        harness.receive(.clientHello(hello))
        let error = try harness.expectFailure(.protocolVersion)
        #expect(error.reason.contains("TLSv1.1"))
    }

    @Test func compressionOtherThanNullIsIllegalParameter() throws {
        var harness = try harness()
        var (hello, _) = try ServerHandshakeHarness.clientHello()
        hello.legacyCompressionMethods = [1, 0]
        harness.receive(.clientHello(hello))
        try harness.expectFailure(.illegalParameter)
    }

    @Test(arguments: [ExtensionType.signatureAlgorithms, .keyShare, .supportedGroups])
    func requiredExtensionMissingIsMissingExtension(_ type: ExtensionType) throws {
        var harness = try harness()
        let (hello, _) = try ServerHandshakeHarness.clientHello(leaving: [type])
        harness.receive(.clientHello(hello))
        let error = try harness.expectFailure(.missingExtension)
        #expect(error.reason.contains(type.description))
    }

    @Test func cookieInFirstClientHelloIsIllegalParameter() throws {
        var harness = try harness()
        let (hello, _) = try ServerHandshakeHarness.clientHello(extra: [.cookie([1, 2, 3])])
        harness.receive(.clientHello(hello))
        try harness.expectFailure(.illegalParameter)
    }

    @Test func keyShareForUnlistedGroupIsIllegalParameter() throws {
        var harness = try harness()
        let (hello, _) = try ServerHandshakeHarness.clientHello(groups: [.secp256r1], shareGroups: [.x25519])
        harness.receive(.clientHello(hello))
        try harness.expectFailure(.illegalParameter)
    }

    @Test func malformedKeyShareIsIllegalParameter() throws {
        var harness = try harness()
        var (hello, _) = try ServerHandshakeHarness.clientHello()
        hello.extensions[2] = .keyShareClient([KeyShareEntry(group: .x25519, keyExchange: [1, 2, 3])])
        harness.receive(.clientHello(hello))
        try harness.expectFailure(.illegalParameter)
    }

    @Test func changeCipherSpecBeforeClientHelloIsUnexpectedMessage() throws {
        var harness = try harness()
        harness.receiveRecord(.changeCipherSpec, ByteBuffer(bytes: [1]))
        try harness.expectFailure(.unexpectedMessage)
    }

    /// RFC 8446, Appendix D.5: an SSL 2.0-format ClientHello is refused with unexpected_message,
    /// and the reason says what it was.
    @Test func sslVersion2ClientHelloIsUnexpectedMessage() throws {
        var harness = try harness()
        var hello: [UInt8] = [0x01, 0x03, 0x03, 0x00, 0x03, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x2F]
        hello += Array(repeating: 0x5A, count: 16)
        var bytes = ByteBuffer(bytes: [0x80, UInt8(hello.count)] + hello)
        harness.connection.receive(&bytes)
        let error = try harness.expectFailure(.unexpectedMessage)
        #expect(error.reason.contains("SSL 2.0-format ClientHello"), "\(error.reason)")
    }

    @Test func finishedAsFirstMessageIsUnexpectedMessage() throws {
        var harness = try harness()
        harness.receive(.finished(Finished(verifyData: Array(repeating: 0, count: 32))))
        try harness.expectFailure(.unexpectedMessage)
    }

    @Test func serverFlightIsServerHelloChangeCipherSpecAndOneRecord() throws {
        var harness = try harness()
        let (hello, _) = try ServerHandshakeHarness.clientHello()
        harness.receive(.clientHello(hello))
        try harness.drain()
        #expect(harness.sentRecords.map(\.0) == [.handshake, .changeCipherSpec, .applicationData])
        let (serverHello, _) = try harness.serverHello()
        #expect(serverHello.legacySessionIDEcho == hello.legacySessionID)
        #expect(serverHello.legacyVersion == .tls12)
        #expect(serverHello.cipherSuite == .tlsAES128GCMSHA256)
        #expect(serverHello.extensions.first(.supportedVersions) == .supportedVersionsServer(.tls13))
    }

    /// The compatibility change_cipher_spec goes out also when the client sent no session ID
    /// (RFC 8446, Section D.4; BoGo's EmptySessionID-TLS13), and the empty ID is echoed.
    @Test func emptySessionIDStillGetsTheChangeCipherSpec() throws {
        var harness = try harness()
        let (hello, _) = try ServerHandshakeHarness.clientHello(sessionID: [])
        harness.receive(.clientHello(hello))
        try harness.drain()
        #expect(harness.sentRecords.map(\.0) == [.handshake, .changeCipherSpec, .applicationData])
        #expect(try harness.serverHello().0.legacySessionIDEcho.isEmpty)
    }

    @Test func helloRetryRequestCarriesGroupAndCookie() throws {
        var harness = try harness { $0.supportedGroups = [.x25519] }
        let (hello, _) = try ServerHandshakeHarness.clientHello(groups: [.secp256r1, .x25519], shareGroups: [.secp256r1])
        harness.receive(.clientHello(hello))
        try harness.drain()
        #expect(harness.sentRecords.map(\.0) == [.handshake, .changeCipherSpec])
        let (retry, _) = try harness.serverHello()
        #expect(retry.isHelloRetryRequest)
        #expect(retry.legacySessionIDEcho == hello.legacySessionID)
        #expect(retry.extensions.first(.keyShare) == .keyShareHelloRetryRequest(.x25519))
        guard case .cookie(let cookie)? = retry.extensions.first(.cookie) else {
            Issue.record("no cookie")
            return
        }
        #expect(cookie.count < 200)
    }

    @Test func secondClientHelloWithShareForAnotherGroupIsIllegalParameter() throws {
        var harness = try harness { $0.supportedGroups = [.x25519, .secp256r1] }
        let (hello, _) = try ServerHandshakeHarness.clientHello(groups: [.x25519, .secp256r1], shareGroups: [.secp256r1])
        // The server prefers x25519, which the client supports: HelloRetryRequest.
        harness.receive(.clientHello(hello))
        try harness.drain()
        let (retry, _) = try harness.serverHello()
        guard case .cookie(let cookie)? = retry.extensions.first(.cookie) else {
            Issue.record("no HelloRetryRequest cookie")
            return
        }
        var second = hello
        second.extensions.append(.cookie(cookie))
        harness.receive(.clientHello(second))
        let error = try harness.expectFailure(.illegalParameter)
        #expect(error.reason.contains("one key share"))
    }

    // MARK: - The client's Finished, by a scripted client

    enum ClientFinale { case correct, corrupted, truncated, certificateInstead }

    @Test(arguments: [ClientFinale.correct, .corrupted, .truncated, .certificateInstead])
    func clientFinished(_ finale: ClientFinale) throws {
        var harness = try harness()
        let (hello, keyPairs) = try ServerHandshakeHarness.clientHello(suites: [.tlsAES256GCMSHA384], sessionID: [])
        let helloRaw = HandshakeMessage.clientHello(hello).encoded
        harness.receiveRecord(.handshake, helloRaw)
        try harness.drain()
        let (serverHello, serverHelloRaw) = try harness.serverHello()
        guard case .keyShareServer(let share)? = serverHello.extensions.first(.keyShare) else {
            Issue.record("no key share")
            return
        }
        let keyPair = try #require(keyPairs.first)
        let parameters = try #require(CipherSuiteParameters.tls13(.tlsAES256GCMSHA384))
        var transcript = TranscriptHash()
        transcript.choose(parameters.hash)
        transcript.append(helloRaw)
        transcript.append(serverHelloRaw)
        var keySchedule = TLS13KeySchedule(hash: parameters.hash)
        let secrets = keySchedule.deriveHandshakeSecrets(
            sharedSecret: try keyPair.sharedSecret(peerShare: share.keyExchange), transcriptHash: transcript.currentHash())
        var serverProtection = TLS13RecordProtection(parameters: parameters, trafficSecret: secrets.server)
        var reassembler = HandshakeReassembler(maximumMessageSize: 1 << 16)
        var types: [HandshakeType] = []
        // The ServerHello, the compatibility change_cipher_spec, then the protected flight.
        for (type, fragment) in harness.sentRecords.dropFirst(2) {
            #expect(type == .applicationData)
            let (inner, plaintext) = try serverProtection.open(TLSRecord(contentType: type, legacyVersion: .tls12, fragment: fragment))
            #expect(inner == .handshake)
            reassembler.append(plaintext)
            while let message = try reassembler.nextMessage() {
                types.append(message.type)
                transcript.append(message.raw)
            }
        }
        #expect(types == [.encryptedExtensions, .certificate, .certificateVerify, .finished])

        var verifyData = keySchedule.finishedVerifyData(trafficSecret: secrets.client, transcriptHash: transcript.currentHash())
        let message: HandshakeMessage
        switch finale {
        case .correct: message = .finished(Finished(verifyData: verifyData))
        case .corrupted:
            verifyData[7] ^= 0x80
            message = .finished(Finished(verifyData: verifyData))
        case .truncated: message = .finished(Finished(verifyData: Array(verifyData.dropLast())))
        case .certificateInstead: message = .certificate(CertificateMessage(entries: []))
        }
        var clientProtection = TLS13RecordProtection(parameters: parameters, trafficSecret: secrets.client)
        var record = ByteBuffer()
        try clientProtection.seal(contentType: .handshake, plaintext: message.encoded, into: &record)
        harness.connection.receive(&record)
        switch finale {
        case .correct:
            guard case .handshakeCompleted(let summary)? = try harness.connection.nextAction() else {
                Issue.record("the handshake did not complete")
                return
            }
            #expect(summary.cipherSuite == .tlsAES256GCMSHA384)
            #expect(summary.role == .server)
            #expect(harness.connection.isHandshakeComplete)
        case .corrupted:
            let error = try harness.expectFailure(.decryptError)
            #expect(error.reason.contains("Finished"))
        case .truncated:
            // A verify_data of the wrong length is a malformed message (RFC 8446, Section 6.2).
            let error = try harness.expectFailure(.decodeError)
            #expect(error.reason.contains("Finished"))
        case .certificateInstead:
            try harness.expectFailure(.unexpectedMessage)
        }
    }

    // MARK: - Configuration

    @Test func serverWithoutIdentityIsAConfigurationError() throws {
        #expect(throws: TLSError.self) { try TLSConnection(configuration: TLSServerConfiguration(identities: [])) }
        var configuration = try ServerTestPKI.get().serverConfiguration(.ed25519)
        configuration.signatureSchemes = [.ecdsaSecp256r1SHA256]
        do {
            _ = try TLSConnection(configuration: configuration)
            Issue.record("a key that fits no scheme was accepted")
        } catch let error as TLSError {
            #expect(error.code == .configuration)
        }
    }

    @Test func identityWithAnotherKeyIsAConfigurationError() throws {
        let fixture = try ServerTestPKI.get()
        do {
            _ = try TLSCertificateIdentity(
                chain: [fixture.aExample.certificate], privateKey: TLSSigningKey(pemEncoded: fixture.bExample.privateKeyPEM))
            Issue.record("a mismatched key was accepted")
        } catch let error as TLSError {
            #expect(error.code == .configuration)
        }
    }

    @Test func identityFromPEMFiles() throws {
        let fixture = try ServerTestPKI.get()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tlskit-identity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let chainPath = directory.appendingPathComponent("chain.pem").path
        let keyPath = directory.appendingPathComponent("key.pem").path
        try fixture.pki.chainPEM(for: fixture.bExample).write(toFile: chainPath, atomically: true, encoding: .utf8)
        try fixture.bExample.privateKeyPEM.write(toFile: keyPath, atomically: true, encoding: .utf8)
        let identity = try TLSCertificateIdentity(certificatePEMFile: chainPath, privateKeyPEMFile: keyPath)
        #expect(identity.chain == (try fixture.pki.chainDER(for: fixture.bExample)))
        #expect(identity.dnsNames == ["b.example"])
        #expect(identity.matches(serverName: "B.Example.", allowWildcard: false))

        try fixture.aExample.privateKeyPEM.write(toFile: keyPath, atomically: true, encoding: .utf8)
        #expect(throws: TLSError.self) { try TLSCertificateIdentity(certificatePEMFile: chainPath, privateKeyPEMFile: keyPath) }
    }

    @Test func wildcardCoversOneLabelOnly() throws {
        let identity = try ServerTestPKI.get().identity(try ServerTestPKI.get().wildcard)
        #expect(identity.matches(serverName: "www.c.example", allowWildcard: true))
        #expect(!identity.matches(serverName: "www.c.example", allowWildcard: false))
        #expect(!identity.matches(serverName: "a.b.c.example", allowWildcard: true))
        #expect(!identity.matches(serverName: "c.example", allowWildcard: true))
    }

    @Test func presetsFollowMozilla() throws {
        let identity = try ServerTestPKI.get().identity(.p256)
        let modern = TLSServerConfiguration.modern(identities: [identity])
        #expect(modern.cipherSuites == [.tlsAES128GCMSHA256, .tlsAES256GCMSHA384, .tlsChaCha20Poly1305SHA256])
        #expect(modern.supportedGroups == [.x25519MLKEM768, .x25519, .secp256r1, .secp384r1])
        #expect(!modern.preferServerCipherSuiteOrder)
        #expect(!modern.signatureSchemes.contains(.rsaPKCS1SHA256))
        #expect(modern.versions == [.tls13])
        let intermediate = TLSServerConfiguration.intermediate(identities: [identity])
        #expect(intermediate.versions == [.tls13, .tls12])
        #expect(intermediate.cipherSuites == modern.cipherSuites + [
            .tlsECDHEECDSAWithAES128GCMSHA256, .tlsECDHERSAWithAES128GCMSHA256,
            .tlsECDHEECDSAWithAES256GCMSHA384, .tlsECDHERSAWithAES256GCMSHA384,
            .tlsECDHEECDSAWithChaCha20Poly1305SHA256, .tlsECDHERSAWithChaCha20Poly1305SHA256,
        ])
        #expect(intermediate.supportedGroups == modern.supportedGroups)
        #expect(intermediate.signatureSchemes.contains(.rsaPKCS1SHA256))
        #expect(intermediate.requireExtendedMasterSecret && !intermediate.preferServerCipherSuiteOrder)
        #expect(!intermediate.cipherSuites.contains { CipherSuite.tls12RSAKeyExchangeSuites.contains($0) })
        let legacy = TLSServerConfiguration.legacy(identities: [identity])
        #expect(legacy.cipherSuites == intermediate.cipherSuites + CipherSuite.tls12RSAKeyExchangeSuites)
    }
}
