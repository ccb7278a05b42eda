import Foundation
import NIOCore
import Testing
@testable import TLSKit

/// PSK resumption with session tickets (RFC 8446, Sections 2.2, 4.2.9, 4.2.11, 4.6.1): two
/// `TLSConnection`s piped together in memory, a full handshake and then a resumed one.
@Suite struct ResumptionTests {
    @Test func resumedHandshakeVerifiesNothingAndSignsNothing() async throws {
        var fixture = try ResumptionFixture()
        fixture.client.applicationProtocols = ["h2", "http/1.1"]
        fixture.server.applicationProtocols = ["http/1.1"]
        let signatures = SignatureCounter()
        let first = try await SignatureCounter.$current.withValue(signatures) { try await fixture.fullHandshake() }
        #expect(signatures.count == 1, "the full handshake signs its CertificateVerify once")
        #expect(fixture.verifier.count == 1)
        #expect(fixture.cachedTickets == 2, "the server sends ticketCount (2) tickets by default")

        let resumedSignatures = SignatureCounter()
        var second = try fixture.pipe()
        try await SignatureCounter.$current.withValue(resumedSignatures) { try await second.handshake() }
        let client = try #require(second.client.summary)
        let server = try #require(second.server.summary)
        #expect(client.resumed && server.resumed)
        #expect(resumedSignatures.count == 0, "a resumed handshake must not sign")
        #expect(fixture.verifier.count == 1, "a resumed handshake must not verify certificates")
        #expect(second.client.verificationRequests.isEmpty)
        #expect(client.signatureScheme == nil && client.localSignatureScheme == nil)
        #expect(server.localSignatureScheme == nil)
        #expect(client.verification == nil)
        #expect(client.applicationProtocol == "http/1.1" && server.applicationProtocol == "http/1.1")
        #expect(client.peerCertificates == first.client.summary?.peerCertificates)
        #expect(!client.peerCertificates.isEmpty)
        #expect(client.group != nil, "psk_dhe_ke is the default: a fresh key exchange")
        #expect(client.earlyDataAccepted == nil)

        try second.client.connection.write(ByteBuffer(string: "ping"))
        try second.server.connection.write(ByteBuffer(string: "pong"))
        try await second.run()
        #expect(second.server.received == ByteBuffer(string: "ping"))
        #expect(second.client.received == ByteBuffer(string: "pong"))
    }

    @Test(arguments: CipherSuite.tls13Suites)
    func resumesWithEachCipherSuite(_ suite: CipherSuite) async throws {
        var fixture = try ResumptionFixture()
        fixture.client.cipherSuites = [suite]
        _ = try await fixture.fullHandshake()
        var second = try fixture.pipe()
        try await second.handshake()
        #expect(second.client.summary?.resumed == true)
        #expect(second.server.summary?.cipherSuite == suite)
    }

    @Test func resumedSessionIssuesTicketsThatResumeAgain() async throws {
        let fixture = try ResumptionFixture()
        _ = try await fixture.fullHandshake()
        for _ in 0..<3 {
            var pipe = try fixture.pipe()
            try await pipe.handshake()
            #expect(pipe.client.summary?.resumed == true)
        }
    }

    @Test func ticketIsUsedOnce() async throws {
        var fixture = try ResumptionFixture()
        fixture.server.ticketCount = 1
        _ = try await fixture.fullHandshake()
        #expect(fixture.cachedTickets == 1)
        var offering = try TLSConnection(configuration: fixture.client, serverName: "localhost")
        let hello = try ResumptionTestRecords.clientHello(in: ResumptionTestRecords.firstFlight(of: &offering))
        #expect(hello.offeredPSKs?.identities.count == 1)
        #expect(fixture.cachedTickets == 0, "offering a ticket takes it out of the cache")
        var next = try TLSConnection(configuration: fixture.client, serverName: "localhost")
        let nextHello = try ResumptionTestRecords.clientHello(in: ResumptionTestRecords.firstFlight(of: &next))
        #expect(nextHello.offeredPSKs == nil)
    }

    @Test func sessionsAreKeptPerServerNameAndALPN() async throws {
        var fixture = try ResumptionFixture()
        _ = try await fixture.fullHandshake()
        var otherName = try TLSConnection(configuration: fixture.client, serverName: "other.example")
        #expect(try ResumptionTestRecords.clientHello(in: ResumptionTestRecords.firstFlight(of: &otherName)).offeredPSKs == nil)
        fixture.client.applicationProtocols = ["h2"]
        var otherALPN = try TLSConnection(configuration: fixture.client, serverName: "localhost")
        #expect(try ResumptionTestRecords.clientHello(in: ResumptionTestRecords.firstFlight(of: &otherALPN)).offeredPSKs == nil)
    }

    @Test func expiredTicketIsNotOffered() async throws {
        var fixture = try ResumptionFixture()
        fixture.server.ticketLifetime = 3600
        _ = try await fixture.fullHandshake()
        fixture.clock.advance(by: 3601)
        var pipe = try fixture.pipe()
        try await pipe.handshake()
        #expect(pipe.client.summary?.resumed == false)
        #expect(fixture.verifier.count == 2)
    }

    @Test func ticketExpiredByTheServersRecordIsNotResumed() async throws {
        var fixture = try ResumptionFixture()
        fixture.server.ticketLifetime = 3600
        let serverClock = TestClock(fixture.clock.now)
        fixture.server.now = serverClock.closure
        _ = try await fixture.fullHandshake()
        serverClock.advance(by: 3601)
        var pipe = try fixture.pipe()
        try await pipe.handshake()
        #expect(pipe.client.summary?.resumed == false)
        #expect(pipe.server.summary?.resumed == false)
    }

    @Test func previousTicketKeyStillOpensAfterRotation() async throws {
        var fixture = try ResumptionFixture()
        let keys = RotatingTicketKeyProvider(rotationInterval: 3600)
        fixture.server.ticketKeys = keys
        fixture.server.ticketLifetime = 3 * 3600
        _ = try await fixture.fullHandshake()
        let original = try #require(keys.currentKey(now: fixture.clock.now))
        fixture.clock.advance(by: 3700)
        #expect(keys.currentKey(now: fixture.clock.now)?.id != original.id, "the key has rotated")
        #expect(keys.key(id: original.id, now: fixture.clock.now) != nil, "the previous key is kept")
        var pipe = try fixture.pipe()
        try await pipe.handshake()
        #expect(pipe.client.summary?.resumed == true)
    }

    @Test func ticketKeyOlderThanTwoRotationsIsForgotten() async throws {
        var fixture = try ResumptionFixture()
        fixture.server.ticketKeys = RotatingTicketKeyProvider(rotationInterval: 3600)
        fixture.server.ticketLifetime = 3 * 3600
        _ = try await fixture.fullHandshake()
        fixture.clock.advance(by: 7300)
        var pipe = try fixture.pipe()
        #expect(try ResumptionTestRecords.clientHello(in: pipe.peekClientFlight()).offeredPSKs != nil)
        try await pipe.handshake()
        #expect(pipe.client.summary?.resumed == false)
    }

    @Test func ticketOfAnUnknownKeyFallsBackToAFullHandshake() async throws {
        let fixture = try ResumptionFixture()
        _ = try await fixture.fullHandshake()
        var otherServer = fixture.server
        otherServer.ticketKeys = RotatingTicketKeyProvider()
        var pipe = try fixture.pipe(server: otherServer)
        try await pipe.handshake()
        #expect(pipe.client.summary?.resumed == false)
        #expect(pipe.server.summary?.resumed == false)
        #expect(pipe.client.verificationRequests.count == 1)
    }

    @Test func serverSideSessionStoreResumesEachTicketOnce() async throws {
        var fixture = try ResumptionFixture()
        let store = InMemoryServerSessionStore()
        fixture.server.sessionStore = store
        fixture.server.ticketCount = 1
        fixture.client.sessionCache = InMemoryClientSessionCache(reuseTickets: true)
        _ = try await fixture.fullHandshake()
        #expect(store.count == 1)
        let ticket = try #require(fixture.client.sessionCache?.take(for: ClientSessionKey(serverName: "localhost", applicationProtocols: []), now: fixture.clock.now))
        #expect(ticket.ticket.count == 32, "the ticket is a random id")

        var resumed = try TLSConnection(configuration: fixture.client, serverName: "localhost", resuming: ticket)
        var pipe = try fixture.pipe()
        pipe.client.connection = resumed
        try await pipe.handshake()
        #expect(pipe.client.summary?.resumed == true)

        // The same ticket again: the store entry is gone, so a full handshake follows.
        resumed = try TLSConnection(configuration: fixture.client, serverName: "localhost", resuming: ticket)
        var replay = try fixture.pipe()
        replay.client.connection = resumed
        try await replay.handshake()
        #expect(replay.client.summary?.resumed == false)
        #expect(replay.server.summary?.resumed == false)
    }

    @Test func pskOnlyModeResumesWithoutKeyExchange() async throws {
        var fixture = try ResumptionFixture()
        fixture.client.resumptionKeyExchangeModes = [.pskKE]
        fixture.server.resumptionKeyExchangeModes = [.pskKE, .pskDHEKE]
        _ = try await fixture.fullHandshake()
        var pipe = try fixture.pipe()
        try await pipe.handshake()
        #expect(pipe.client.summary?.resumed == true)
        #expect(pipe.client.summary?.group == nil)
        #expect(pipe.server.summary?.group == nil)
        try pipe.client.connection.write(ByteBuffer(string: "psk_ke"))
        try await pipe.run()
        #expect(pipe.server.received == ByteBuffer(string: "psk_ke"))
    }

    @Test func serverThatDoesNotAcceptTheClientsModesSendsNoTickets() async throws {
        var fixture = try ResumptionFixture()
        fixture.client.resumptionKeyExchangeModes = [.pskKE]
        _ = try await fixture.fullHandshake()
        #expect(fixture.cachedTickets == 0)
    }

    @Test func tamperedBinderIsDecryptError() async throws {
        let fixture = try ResumptionFixture()
        _ = try await fixture.fullHandshake()
        var pipe = try fixture.pipe()
        pipe.clientToServer = TestRecords.rewritingClientHello { hello in
            guard var binder = hello.offeredPSKs?.binders.first else { return }
            binder[0] ^= 0x01
            hello.replaceBinders([binder])
        }
        try await pipe.expectFailure(.decryptError, sentBy: .server)
    }

    @Test func alteredClientHelloFailsTheBinder() async throws {
        let fixture = try ResumptionFixture()
        _ = try await fixture.fullHandshake()
        var pipe = try fixture.pipe()
        pipe.clientToServer = TestRecords.rewritingClientHello { hello in
            guard hello.offeredPSKs != nil else { return }
            hello.random[0] ^= 0x01
        }
        try await pipe.expectFailure(.decryptError, sentBy: .server)
    }

    @Test func sessionWithAnotherHashFallsBackToAFullHandshake() async throws {
        var fixture = try ResumptionFixture()
        fixture.client.cipherSuites = [.tlsAES128GCMSHA256]
        _ = try await fixture.fullHandshake()
        fixture.client.cipherSuites = CipherSuite.tls13Suites
        var server = fixture.server
        server.cipherSuites = [.tlsAES256GCMSHA384]
        var pipe = try fixture.pipe(server: server)
        #expect(try ResumptionTestRecords.clientHello(in: pipe.peekClientFlight()).offeredPSKs != nil)
        try await pipe.handshake()
        #expect(pipe.client.summary?.resumed == false)
        #expect(pipe.server.summary?.cipherSuite == .tlsAES256GCMSHA384)
    }

    @Test func resumesAfterHelloRetryRequest() async throws {
        let fixture = try ResumptionFixture()
        _ = try await fixture.fullHandshake()
        var server = fixture.server
        server.supportedGroups = [.secp256r1]
        var pipe = try fixture.pipe(server: server)
        try await pipe.handshake()
        #expect(pipe.client.summary?.resumed == true)
        #expect(pipe.client.summary?.helloRetryRequested == true)
        #expect(pipe.server.summary?.group == .secp256r1)
        #expect(fixture.verifier.count == 1)
    }

    @Test func pskSelectionOutOfRangeIsIllegalParameter() async throws {
        let fixture = try ResumptionFixture()
        _ = try await fixture.fullHandshake()
        var pipe = try fixture.pipe()
        pipe.serverToClient = ResumptionTestRecords.rewritingServerHello { hello in
            hello.extensions.removeAll { $0.type == .preSharedKey }
            hello.extensions.append(.preSharedKeyServer(selectedIdentity: 1))
        }
        try await pipe.expectFailure(.illegalParameter, sentBy: .client)
    }

    @Test func pskInServerHelloWithoutOfferIsRefused() async throws {
        let fixture = try ResumptionFixture()
        var pipe = try fixture.pipe()
        pipe.serverToClient = ResumptionTestRecords.rewritingServerHello { hello in
            hello.extensions.append(.preSharedKeyServer(selectedIdentity: 0))
        }
        try await pipe.expectFailure(.unsupportedExtension, sentBy: .client)
    }

    @Test func resumptionKeepsTheClientCertificate() async throws {
        var fixture = try ResumptionFixture()
        let pki = try ServerTestPKI.get()
        fixture.client.clientIdentity = try pki.identity(pki.client)
        fixture.server.clientAuthentication = .required(pki.verifier)
        let first = try await fixture.fullHandshake()
        let clientChain = try #require(first.server.summary?.peerCertificates)
        #expect(!clientChain.isEmpty)
        let signatures = SignatureCounter()
        var pipe = try fixture.pipe()
        try await SignatureCounter.$current.withValue(signatures) { try await pipe.handshake() }
        #expect(pipe.server.summary?.resumed == true)
        #expect(pipe.server.summary?.peerCertificates == clientChain)
        #expect(pipe.server.verificationRequests.isEmpty)
        #expect(signatures.count == 0)
    }

    @Test func savedSessionResumesInAnotherProcess() async throws {
        var fixture = try ResumptionFixture()
        fixture.client.applicationProtocols = ["http/1.1"]
        fixture.server.applicationProtocols = ["http/1.1"]
        _ = try await fixture.fullHandshake()
        let key = ClientSessionKey(serverName: "localhost", applicationProtocols: ["http/1.1"])
        let session = try #require(fixture.client.sessionCache?.take(for: key, now: fixture.clock.now))
        let bytes = session.serialized()
        let restored = try ClientSession(serialized: bytes)
        #expect(restored.serialized() == bytes)
        #expect(restored.cipherSuite == session.cipherSuite)
        #expect(restored.applicationProtocol == "http/1.1")
        #expect(restored.serverName == "localhost")
        #expect(restored.peerCertificates == session.peerCertificates)

        // A new client configuration, as in a new process, with no cache at all.
        var client = TLSClientConfiguration(certificateVerifier: fixture.verifier)
        client.applicationProtocols = ["http/1.1"]
        client.now = fixture.clock.closure
        client.sessionCache = nil
        var pipe = try fixture.pipe(client: client)
        pipe.client.connection = try TLSConnection(configuration: client, serverName: "localhost", resuming: restored)
        try await pipe.handshake()
        #expect(pipe.client.summary?.resumed == true)

        var otherName = try TLSConnection(configuration: client, serverName: "other.example", resuming: restored)
        #expect(try ResumptionTestRecords.clientHello(in: ResumptionTestRecords.firstFlight(of: &otherName)).offeredPSKs == nil)
    }

    @Test func corruptSessionDataIsAConfigurationError() throws {
        #expect(throws: TLSError.self) { try ClientSession(serialized: []) }
        #expect(throws: TLSError.self) { try ClientSession(serialized: Array("TLSKit-session".utf8) + [1, 3]) }
        do {
            _ = try ClientSession(serialized: Array(repeating: 0x41, count: 40))
        } catch let error as TLSError {
            #expect(error.code == .configuration)
        }
    }

    @Test func serverSendsMoreTicketsOnRequest() async throws {
        var fixture = try ResumptionFixture()
        fixture.server.ticketCount = 0
        var pipe = try fixture.pipe()
        try await pipe.handshake()
        #expect(fixture.cachedTickets == 0)
        try pipe.server.connection.sendSessionTickets(count: 3)
        try await pipe.run()
        #expect(fixture.cachedTickets == 3)
        #expect(throws: TLSError.self) { try pipe.client.connection.sendSessionTickets(count: 1) }
    }
}

extension ConnectionPipe {
    /// The client's first flight, without disturbing the pipe: it is queued for the server.
    mutating func peekClientFlight() throws -> ByteBuffer {
        let flight = try ResumptionTestRecords.firstFlight(of: &client.connection)
        server.inbox.writeImmutableBuffer(flight)
        return flight
    }
}

extension ResumptionTests {
    @Test func helloRetryRequestWithAnotherHashDropsThePSK() async throws {
        var fixture = try ResumptionFixture()
        fixture.client.cipherSuites = [.tlsAES128GCMSHA256, .tlsAES256GCMSHA384]
        fixture.server.cipherSuites = [.tlsAES128GCMSHA256]
        _ = try await fixture.fullHandshake()
        var server = fixture.server
        server.cipherSuites = [.tlsAES256GCMSHA384]
        server.supportedGroups = [.secp256r1]
        var pipe = try fixture.pipe(server: server)
        try await pipe.handshake()
        #expect(pipe.client.summary?.helloRetryRequested == true)
        #expect(pipe.client.summary?.resumed == false)
        #expect(pipe.client.summary?.cipherSuite == .tlsAES256GCMSHA384)
    }
}
