import NIOCore
import Testing
@testable import TLSKit

/// Client and server `TLSConnection`s piped together: what the server negotiates (RFC 8446,
/// Sections 4.1 to 4.4) and the data that flows afterwards.
@Suite struct ServerHandshakeTests {
    @Test(arguments: CipherSuite.tls13Suites)
    func handshakeWithEachCipherSuite(_ suite: CipherSuite) async throws {
        let fixture = try ServerTestPKI.get()
        var client = fixture.clientConfiguration()
        client.cipherSuites = [suite]
        var pipe = try ConnectionPipe(client: client, server: try fixture.serverConfiguration())
        try await pipe.handshake()
        #expect(pipe.client.summary?.cipherSuite == suite)
        #expect(pipe.server.summary?.cipherSuite == suite)
        #expect(pipe.server.summary?.role == .server)
        #expect(pipe.client.summary?.role == .client)
        guard case .trusted? = pipe.client.summary?.verification else {
            Issue.record("the client did not verify the server: \(String(describing: pipe.client.summary?.verification))")
            return
        }
        try pipe.client.connection.write(ByteBuffer(string: "ping"))
        try pipe.server.connection.write(ByteBuffer(string: "pong"))
        try await pipe.run()
        #expect(pipe.server.received == ByteBuffer(string: "ping"))
        #expect(pipe.client.received == ByteBuffer(string: "pong"))
    }

    @Test func serverCipherSuiteOrderIsPreferredByDefault() async throws {
        let fixture = try ServerTestPKI.get()
        var client = fixture.clientConfiguration()
        client.cipherSuites = [.tlsChaCha20Poly1305SHA256, .tlsAES256GCMSHA384]
        var server = try fixture.serverConfiguration()
        server.cipherSuites = [.tlsAES256GCMSHA384, .tlsChaCha20Poly1305SHA256]
        var pipe = try ConnectionPipe(client: client, server: server)
        try await pipe.handshake()
        #expect(pipe.server.summary?.cipherSuite == .tlsAES256GCMSHA384)

        server.preferServerCipherSuiteOrder = false
        var clientOrder = try ConnectionPipe(client: client, server: server)
        try await clientOrder.handshake()
        #expect(clientOrder.server.summary?.cipherSuite == .tlsChaCha20Poly1305SHA256)
    }

    @Test func noCommonCipherSuiteIsHandshakeFailure() async throws {
        let fixture = try ServerTestPKI.get()
        var client = fixture.clientConfiguration()
        client.cipherSuites = [.tlsChaCha20Poly1305SHA256]
        var server = try fixture.serverConfiguration()
        server.cipherSuites = [.tlsAES128GCMSHA256]
        var pipe = try ConnectionPipe(client: client, server: server)
        try await pipe.expectFailure(.handshakeFailure, sentBy: .server)
        #expect(pipe.server.error?.reason.contains("cipher suite") == true)
    }

    @Test(arguments: [NamedGroup.x25519MLKEM768, .x25519, .secp256r1, .secp384r1])
    func handshakeWithEachGroup(_ group: NamedGroup) async throws {
        let fixture = try ServerTestPKI.get()
        var client = fixture.clientConfiguration()
        client.supportedGroups = [group]
        client.keyShareGroups = [group]
        var pipe = try ConnectionPipe(client: client, server: try fixture.serverConfiguration())
        try await pipe.handshake()
        #expect(pipe.client.summary?.group == group)
        #expect(pipe.server.summary?.group == group)
        #expect(pipe.server.summary?.helloRetryRequested == false)
    }

    @Test(arguments: [
        (DevelopmentKeyType.p256, SignatureScheme.ecdsaSecp256r1SHA256),
        (.p384, .ecdsaSecp384r1SHA384),
        (.rsa2048, .rsaPSSRSAESHA256),
        (.ed25519, .ed25519),
    ])
    func eachKeyTypeSignsWithItsScheme(_ type: DevelopmentKeyType, _ scheme: SignatureScheme) async throws {
        let fixture = try ServerTestPKI.get()
        var pipe = try ConnectionPipe(client: fixture.clientConfiguration(), server: try fixture.serverConfiguration(type))
        try await pipe.handshake()
        #expect(pipe.client.summary?.signatureScheme == scheme)
        #expect(pipe.server.summary?.localSignatureScheme == scheme)
        #expect(pipe.client.summary?.peerCertificates.first == fixture.leaves[type].map { try? $0.certificateDER() } ?? nil)
    }

    @Test func ed25519IdentityOnlyForClientsOfferingEd25519() async throws {
        let fixture = try ServerTestPKI.get()
        let server = TLSServerConfiguration(identities: [try fixture.identity(.ed25519), try fixture.identity(.p256)])
        var client = fixture.clientConfiguration()
        client.sessionCache = nil  // each handshake must choose a certificate, not resume
        var withEd25519 = try ConnectionPipe(client: client, server: server)
        try await withEd25519.handshake()
        #expect(withEd25519.client.summary?.signatureScheme == .ed25519)

        client.signatureSchemes = [.ecdsaSecp256r1SHA256, .rsaPSSRSAESHA256]
        var withoutEd25519 = try ConnectionPipe(client: client, server: server)
        try await withoutEd25519.handshake()
        #expect(withoutEd25519.client.summary?.signatureScheme == .ecdsaSecp256r1SHA256)
    }

    @Test func noSignatureSchemeForAnyKeyIsHandshakeFailure() async throws {
        let fixture = try ServerTestPKI.get()
        var client = fixture.clientConfiguration()
        client.signatureSchemes = [.rsaPSSRSAESHA256]
        var pipe = try ConnectionPipe(client: client, server: try fixture.serverConfiguration(.p256))
        try await pipe.expectFailure(.handshakeFailure, sentBy: .server)
    }

    // MARK: - Groups and HelloRetryRequest

    @Test func shareForServersTopGroupNeedsNoRetry() async throws {
        let fixture = try ServerTestPKI.get()
        var client = fixture.clientConfiguration()
        client.supportedGroups = [.x25519, .secp384r1]
        client.keyShareGroups = [.x25519]
        var server = try fixture.serverConfiguration()
        server.supportedGroups = [.x25519, .secp384r1]
        var pipe = try ConnectionPipe(client: client, server: server)
        try await pipe.handshake()
        #expect(pipe.server.summary?.group == .x25519)
        #expect(pipe.server.summary?.helloRetryRequested == false)
    }

    @Test func shareOnlyForLowerGroupGetsHelloRetryRequestForPreferredGroup() async throws {
        let fixture = try ServerTestPKI.get()
        var client = fixture.clientConfiguration()
        client.supportedGroups = [.x25519, .secp384r1]
        client.keyShareGroups = [.secp384r1]
        var server = try fixture.serverConfiguration()
        server.supportedGroups = [.x25519, .secp384r1]
        var pipe = try ConnectionPipe(client: client, server: server)
        try await pipe.handshake()
        #expect(pipe.server.summary?.group == .x25519)
        #expect(pipe.server.summary?.helloRetryRequested == true)
        #expect(pipe.client.summary?.helloRetryRequested == true)
        try pipe.client.connection.write(ByteBuffer(string: "after retry"))
        try await pipe.run()
        #expect(pipe.server.received == ByteBuffer(string: "after retry"))

        server.requestPreferredGroup = false
        var noRetry = try ConnectionPipe(client: client, server: server)
        try await noRetry.handshake()
        #expect(noRetry.server.summary?.group == .secp384r1)
        #expect(noRetry.server.summary?.helloRetryRequested == false)
    }

    @Test func noUsableShareGetsHelloRetryRequest() async throws {
        let fixture = try ServerTestPKI.get()
        var client = fixture.clientConfiguration()
        client.supportedGroups = [.secp256r1, .secp384r1]
        client.keyShareGroups = [.secp256r1]
        var server = try fixture.serverConfiguration()
        server.supportedGroups = [.x25519, .secp384r1]
        var pipe = try ConnectionPipe(client: client, server: server)
        try await pipe.handshake()
        #expect(pipe.client.summary?.group == .secp384r1)
        #expect(pipe.client.summary?.helloRetryRequested == true)
    }

    @Test func noCommonGroupIsHandshakeFailure() async throws {
        let fixture = try ServerTestPKI.get()
        var client = fixture.clientConfiguration()
        client.supportedGroups = [.secp384r1]
        client.keyShareGroups = [.secp384r1]
        var server = try fixture.serverConfiguration()
        server.supportedGroups = [.x25519]
        var pipe = try ConnectionPipe(client: client, server: server)
        try await pipe.expectFailure(.handshakeFailure, sentBy: .server)
        #expect(pipe.server.error?.reason.contains("group") == true)
    }

    @Test func tamperedCookieIsIllegalParameter() async throws {
        let fixture = try ServerTestPKI.get()
        var client = fixture.clientConfiguration()
        client.keyShareGroups = [.secp256r1]
        var server = try fixture.serverConfiguration()
        server.supportedGroups = [.x25519]
        var pipe = try ConnectionPipe(client: client, server: server)
        pipe.clientToServer = TestRecords.rewritingClientHello { hello in
            guard let index = hello.extensions.firstIndex(where: { $0.type == .cookie }),
                case .cookie(var cookie) = hello.extensions[index] else { return }
            cookie[cookie.count / 2] ^= 0x01
            hello.extensions[index] = .cookie(cookie)
        }
        try await pipe.expectFailure(.illegalParameter, sentBy: .server)
        #expect(pipe.server.error?.reason.contains("cookie") == true)
    }

    @Test func secondClientHelloThatChangesSuitesIsIllegalParameter() async throws {
        let fixture = try ServerTestPKI.get()
        var client = fixture.clientConfiguration()
        client.keyShareGroups = [.secp256r1]
        var server = try fixture.serverConfiguration()
        server.supportedGroups = [.x25519]
        var pipe = try ConnectionPipe(client: client, server: server)
        pipe.clientToServer = TestRecords.rewritingClientHello { hello in
            if hello.extensions.first(.cookie) != nil { hello.cipherSuites.removeLast() }
        }
        try await pipe.expectFailure(.illegalParameter, sentBy: .server)
    }

    @Test func secondClientHelloWithoutCookieIsRefused() async throws {
        let fixture = try ServerTestPKI.get()
        var client = fixture.clientConfiguration()
        client.keyShareGroups = [.secp256r1]
        var server = try fixture.serverConfiguration()
        server.supportedGroups = [.x25519]
        var pipe = try ConnectionPipe(client: client, server: server)
        var hellos = 0
        pipe.clientToServer = TestRecords.rewritingClientHello { hello in
            hellos += 1
            if hellos == 2 { hello.extensions.removeAll { $0.type == .cookie } }
        }
        try await pipe.expectFailure(.missingExtension, sentBy: .server)
    }

    // MARK: - ALPN and SNI

    @Test(arguments: [
        (["http/1.1", "h2"], ["h2", "http/1.1"], "h2"),
        (["h2", "http/1.1"], ["http/1.1", "h2"], "http/1.1"),
        (["http/1.1"], ["h2", "http/1.1"], "http/1.1"),
        ([], ["h2"], nil),
        (["h2"], [], nil),
    ] as [([String], [String], String?)])
    func alpnSelection(client offered: [String], server supported: [String], expected: String?) async throws {
        let fixture = try ServerTestPKI.get()
        var client = fixture.clientConfiguration()
        client.applicationProtocols = offered
        var server = try fixture.serverConfiguration()
        server.applicationProtocols = supported
        var pipe = try ConnectionPipe(client: client, server: server)
        try await pipe.handshake()
        #expect(pipe.client.summary?.applicationProtocol == expected)
        #expect(pipe.server.summary?.applicationProtocol == expected)
    }

    @Test func alpnWithoutOverlapIsNoApplicationProtocol() async throws {
        let fixture = try ServerTestPKI.get()
        var client = fixture.clientConfiguration()
        client.applicationProtocols = ["spdy/3"]
        var server = try fixture.serverConfiguration()
        server.applicationProtocols = ["h2", "http/1.1"]
        var pipe = try ConnectionPipe(client: client, server: server)
        try await pipe.expectFailure(.noApplicationProtocol, sentBy: .server)
    }

    @Test(arguments: [("a.example", "a"), ("b.example", "b"), ("x.c.example", "c"), ("B.EXAMPLE", "b")])
    func sniChoosesTheIdentity(_ name: String, _ which: String) async throws {
        let fixture = try ServerTestPKI.get()
        let server = TLSServerConfiguration(identities: [
            try fixture.identity(fixture.aExample), try fixture.identity(fixture.bExample), try fixture.identity(fixture.wildcard),
        ])
        var pipe = try ConnectionPipe(client: fixture.clientConfiguration(), serverName: name, server: server)
        try await pipe.handshake()
        let leaf = which == "a" ? fixture.aExample : which == "b" ? fixture.bExample : fixture.wildcard
        #expect(pipe.client.summary?.peerCertificates.first == (try leaf.certificateDER()))
        #expect(pipe.server.summary?.serverName == name)
        guard case .trusted? = pipe.client.summary?.verification else {
            Issue.record("the client did not trust the chosen certificate")
            return
        }
    }

    @Test func unknownServerNameGetsTheFirstIdentity() async throws {
        let fixture = try ServerTestPKI.get()
        let server = TLSServerConfiguration(identities: [
            try fixture.identity(fixture.aExample), try fixture.identity(fixture.bExample),
        ])
        let client = TLSClientConfiguration(certificateVerifier: InsecureAcceptAnyCertificateVerifier())
        var pipe = try ConnectionPipe(client: client, serverName: "z.example", server: server)
        try await pipe.handshake()
        #expect(pipe.client.summary?.peerCertificates.first == (try fixture.aExample.certificateDER()))
        #expect(pipe.server.summary?.serverName == "z.example")
    }

    @Test func unknownServerNameIsRejectedByAVerifyingClient() async throws {
        let fixture = try ServerTestPKI.get()
        let server = TLSServerConfiguration(identities: [try fixture.identity(fixture.aExample)])
        var pipe = try ConnectionPipe(client: fixture.clientConfiguration(), serverName: "z.example", server: server)
        try await pipe.expectFailure(.badCertificate, sentBy: .client)
    }

    // MARK: - Data, close, KeyUpdate

    @Test func oneMebibyteBothWays() async throws {
        let fixture = try ServerTestPKI.get()
        var pipe = try ConnectionPipe(client: fixture.clientConfiguration(), server: try fixture.serverConfiguration())
        try await pipe.handshake()
        let payload = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
        try pipe.client.connection.write(ByteBuffer(bytes: payload))
        try pipe.server.connection.write(ByteBuffer(bytes: payload.reversed()))
        try await pipe.run()
        #expect(pipe.server.received == ByteBuffer(bytes: payload))
        #expect(pipe.client.received == ByteBuffer(bytes: payload.reversed()))
    }

    @Test func closeNotifyBothWays() async throws {
        let fixture = try ServerTestPKI.get()
        var pipe = try ConnectionPipe(client: fixture.clientConfiguration(), server: try fixture.serverConfiguration())
        try await pipe.handshake()
        pipe.client.connection.close()
        try await pipe.run()
        #expect(pipe.server.closedByPeer)
        #expect(pipe.server.connection.isClosedByPeer)
        #expect(throws: TLSError.self) { try pipe.client.connection.write(ByteBuffer(string: "late")) }
        // The server may still write after the client's close_notify (half-close).
        try pipe.server.connection.write(ByteBuffer(string: "bye"))
        pipe.server.connection.close()
        try await pipe.run()
        #expect(pipe.client.received == ByteBuffer(string: "bye"))
        #expect(pipe.client.closedByPeer)
        #expect(pipe.client.error == nil && pipe.server.error == nil)
    }

    @Test(arguments: [TLSRole.client, .server], [false, true])
    func keyUpdate(from initiator: TLSRole, requestPeerUpdate: Bool) async throws {
        let fixture = try ServerTestPKI.get()
        var pipe = try ConnectionPipe(client: fixture.clientConfiguration(), server: try fixture.serverConfiguration())
        try await pipe.handshake()
        for round in 0..<3 {
            if initiator == .client {
                try pipe.client.connection.updateKeys(requestPeerUpdate: requestPeerUpdate)
            } else {
                try pipe.server.connection.updateKeys(requestPeerUpdate: requestPeerUpdate)
            }
            try pipe.client.connection.write(ByteBuffer(string: "c\(round)"))
            try pipe.server.connection.write(ByteBuffer(string: "s\(round)"))
            try await pipe.run()
        }
        #expect(pipe.server.received == ByteBuffer(string: "c0c1c2"))
        #expect(pipe.client.received == ByteBuffer(string: "s0s1s2"))
        #expect(pipe.client.error == nil && pipe.server.error == nil)
    }

    @Test func keyUpdateBeforeHandshakeIsInvalidState() throws {
        let fixture = try ServerTestPKI.get()
        var server = try TLSConnection(configuration: try fixture.serverConfiguration())
        #expect(server.role == .server)
        #expect(throws: TLSError.self) { try server.updateKeys() }
        #expect(throws: TLSError.self) { try server.write(ByteBuffer(string: "early")) }
    }
}
