import Crypto
import Foundation
import NIOCore
import Testing
@testable import TLSKit

/// Offering a TLS 1.2 session and the abbreviated handshake (RFC 5246, Section 7.3, Figure 2;
/// RFC 5077, Section 3.4; RFC 7627, Section 5.3), with the test playing the server: its
/// ChangeCipherSpec and Finished, then a HelloRequest after the handshake (RFC 5746, Section 4.2).
@Suite struct TLS12ClientResumptionTests {
    static let suite = CipherSuite.tlsECDHEECDSAWithAES128GCMSHA256
    static let serverRandom = [UInt8](repeating: 7, count: 32)

    let masterSecret = RandomBytes.generate(count: 48)
    let cache = InMemoryClientSessionCache()

    func session(
        sessionID: [UInt8] = Array(repeating: 5, count: 32), ticket: [UInt8] = [], extendedMasterSecret: Bool = true,
        suite: CipherSuite = Self.suite, lifetime: UInt32 = 7200
    ) -> ClientSession {
        ClientSession(
            cipherSuite: suite, serverName: "localhost", applicationProtocol: nil, ticket: ticket, receivedAt: Date(),
            lifetime: lifetime, peerCertificates: [[1, 2, 3]],
            secret: .tls12(
                masterSecret: SymmetricKey(data: masterSecret), extendedMasterSecret: extendedMasterSecret,
                sessionID: sessionID))
    }

    func harness(
        offering session: ClientSession, configure: (inout TLSClientConfiguration) -> Void = { _ in }
    ) throws -> ClientHandshakeHarness {
        var configuration = ClientHandshakeHarness.configuration()
        configuration.sessionCache = cache
        configure(&configuration)
        cache.store(session, for: ClientSessionKey(serverName: "localhost", applicationProtocols: []))
        return try ClientHandshakeHarness(configuration: configuration)
    }

    /// The server's side of the session keys for the harness's ClientHello.
    func serverKeys(_ harness: ClientHandshakeHarness, extendedMasterSecret: Bool = true) throws -> TLS12SessionKeys {
        let hello = try #require(harness.clientHellos.first)
        return TLS12SessionKeys(
            parameters: try #require(CipherSuiteParameters.tls12(Self.suite)), masterSecret: SymmetricKey(data: masterSecret),
            extendedMasterSecret: extendedMasterSecret, clientRandom: hello.random, serverRandom: Self.serverRandom)
    }

    @Test func sessionIDAndTicketAreOffered() throws {
        let harness = try harness(offering: session(ticket: [0xAA, 0xBB]))
        let hello = try #require(harness.clientHellos.first)
        #expect(hello.legacySessionID == Array(repeating: 5, count: 32))
        #expect(hello.extensions.first(.sessionTicket) == .sessionTicket([0xAA, 0xBB]))
        #expect(hello.extensions.first(.preSharedKey) == nil)
    }

    @Test func ticketOnlySessionGetsAFreshSessionID() throws {
        let harness = try harness(offering: session(sessionID: [], ticket: [0xAA]))
        let hello = try #require(harness.clientHellos.first)
        #expect(hello.legacySessionID.count == 32)
        #expect(hello.legacySessionID != Array(repeating: 5, count: 32))
        #expect(hello.extensions.first(.sessionTicket) == .sessionTicket([0xAA]))
    }

    @Test func sessionsThatCannotResumeAreNotOffered() throws {
        let withoutEMS = try harness(offering: session(extendedMasterSecret: false))
        #expect(withoutEMS.clientHellos.first?.legacySessionID != Array(repeating: 5, count: 32))
        let suiteGone = try harness(offering: session()) { $0.cipherSuites = [.tlsECDHERSAWithAES128GCMSHA256] }
        #expect(suiteGone.clientHellos.first?.legacySessionID.isEmpty == true)
        let tls13Only = try harness(offering: session()) { $0.versions = [.tls13] }
        #expect(tls13Only.clientHellos.first?.legacySessionID != Array(repeating: 5, count: 32))
        #expect(tls13Only.clientHellos.first?.extensions.first(.preSharedKey) == nil)
    }

    @Test func tls13SessionIsNotOfferedByATLS12OnlyClient() throws {
        let tls13Session = ClientSession(
            cipherSuite: .tlsAES128GCMSHA256, serverName: "localhost", applicationProtocol: nil, ticket: [1, 2, 3],
            receivedAt: Date(), lifetime: 7200, peerCertificates: [],
            secret: .tls13(resumptionPSK: SymmetricKey(size: .bits256), ticketAgeAdd: 0, maxEarlyDataSize: 0))
        let harness = try harness(offering: tls13Session) { $0.versions = [.tls12] }
        let hello = try #require(harness.clientHellos.first)
        #expect(hello.extensions.first(.preSharedKey) == nil)
        #expect(hello.extensions.first(.sessionTicket) == .sessionTicket([]))
        #expect(hello.legacySessionID.isEmpty)
    }

    /// RFC 8446, Appendix D.3: after 0-RTT data a TLS 1.2 ServerHello ends the connection.
    @Test func tls12ServerHelloAfterEarlyDataIsRefused() throws {
        let tls13Session = ClientSession(
            cipherSuite: .tlsAES128GCMSHA256, serverName: "localhost", applicationProtocol: nil, ticket: [1, 2, 3],
            receivedAt: Date(), lifetime: 7200, peerCertificates: [],
            secret: .tls13(resumptionPSK: SymmetricKey(size: .bits256), ticketAgeAdd: 0, maxEarlyDataSize: 1024))
        var harness = try harness(offering: tls13Session) { $0.enableEarlyData = true }
        #expect(harness.clientHellos.first?.extensions.first(.earlyData) != nil)
        harness.receive(.serverHello(harness.tls12ServerHello()))
        // The alert goes out under the early-data keys, which the harness does not open.
        let error = try harness.expectFailure(sendsAlert: nil)
        #expect(error.alert == .protocolVersion)
        #expect(error.reason.contains("early data"), "\(error.reason)")
    }

    @Test func resumingWithAnotherSuiteIsIllegalParameter() throws {
        var harness = try harness(offering: session())
        harness.receive(.serverHello(harness.tls12ServerHello(
            cipherSuite: .tlsECDHEECDSAWithAES256GCMSHA384, random: Self.serverRandom, sessionID: Array(repeating: 5, count: 32))))
        _ = try harness.expectFailure(sendsAlert: .illegalParameter)
    }

    @Test func resumingWithoutTheSessionsExtendedMasterSecretIsHandshakeFailure() throws {
        var harness = try harness(offering: session()) { $0.requireExtendedMasterSecret = false }
        harness.receive(.serverHello(harness.tls12ServerHello(
            random: Self.serverRandom, sessionID: Array(repeating: 5, count: 32),
            extensions: [.renegotiationInfo([]), .ecPointFormats([0])])))
        let error = try harness.expectFailure(sendsAlert: .handshakeFailure)
        #expect(error.reason.contains("RFC 7627, Section 5.3"), "\(error.reason)")
    }

    @Test func resumingASessionWithoutExtendedMasterSecretWithItIsHandshakeFailure() throws {
        var harness = try harness(offering: session(extendedMasterSecret: false)) { $0.requireExtendedMasterSecret = false }
        harness.receive(.serverHello(harness.tls12ServerHello(random: Self.serverRandom, sessionID: Array(repeating: 5, count: 32))))
        _ = try harness.expectFailure(sendsAlert: .handshakeFailure)
    }

    /// Plays the abbreviated handshake to its end; returns the harness connected, the server's
    /// keys and the client's write protection as the server opens it.
    func resumedConnection() throws -> (ClientHandshakeHarness, TLS12SessionKeys, RecordProtection, HandshakeSummary) {
        var harness = try harness(offering: session())
        let keys = try serverKeys(harness)
        let serverHello = HandshakeMessage.serverHello(harness.tls12ServerHello(
            random: Self.serverRandom, sessionID: Array(repeating: 5, count: 32))).encoded
        var transcript = TranscriptHash()
        transcript.choose(.sha256)
        transcript.append(try #require(harness.sentRecords.first?.1))
        transcript.append(serverHello)
        harness.receiveRecord(.handshake, serverHello)
        try harness.drain()

        harness.receiveRecord(.changeCipherSpec, ByteBuffer(bytes: [1]))
        let serverFinished = HandshakeMessage.finished(keys.finished(sender: .server, handshakeHash: transcript.currentHash())).encoded
        transcript.append(serverFinished)
        var serverWrite = keys.recordProtection(writer: .server)
        var record = ByteBuffer()
        try serverWrite.seal(contentType: .handshake, plaintext: serverFinished, into: &record)
        harness.connection.receive(&record)

        var summary: HandshakeSummary?
        let before = harness.sentRecords.count
        while let action = try harness.connection.nextAction() {
            switch action {
            case .send(var bytes):
                while bytes.readableBytes >= 5 {
                    let type = ContentType(rawValue: try bytes.readTLSUInt8())
                    _ = try bytes.readTLSUInt16()
                    harness.sentRecords.append((type, try bytes.readTLSVector16("record")))
                }
            case .handshakeCompleted(let completed):
                summary = completed
            default:
                break
            }
        }
        let sent = harness.sentRecords[before...]
        #expect(sent.map(\.0) == [.changeCipherSpec, .handshake])
        var clientWrite = keys.recordProtection(writer: .client)
        let finishedRecord = try #require(sent.last)
        let (type, plaintext) = try clientWrite.open(TLSRecord(contentType: finishedRecord.0, legacyVersion: .tls12, fragment: finishedRecord.1))
        #expect(type == .handshake)
        let expected = HandshakeMessage.finished(keys.finished(sender: .client, handshakeHash: transcript.currentHash())).encoded
        #expect(plaintext == expected)
        return (harness, keys, clientWrite, try #require(summary))
    }

    @Test func abbreviatedHandshakeCompletesAndFilesTheSessionAgain() throws {
        let (_, _, _, summary) = try resumedConnection()
        #expect(summary.version == .tls12)
        #expect(summary.resumed)
        #expect(summary.cipherSuite == Self.suite)
        #expect(summary.extendedMasterSecret == true)
        #expect(summary.peerCertificates == [[1, 2, 3]])
        let again = try #require(cache.take(for: ClientSessionKey(serverName: "localhost", applicationProtocols: []), now: Date()))
        #expect(again.version == .tls12)
        guard case .tls12(_, true, let sessionID) = again.secret else {
            Issue.record("not a TLS 1.2 session with EMS: \(again.secret)")
            return
        }
        #expect(sessionID == Array(repeating: 5, count: 32))
    }

    @Test func helloRequestAfterTheHandshakeGetsANoRenegotiationWarning() throws {
        var (harness, keys, clientWrite, _) = try resumedConnection()
        var serverWrite = keys.recordProtection(writer: .server)
        // Sequence number 1: the server's Finished was record 0.
        var discard = ByteBuffer()
        try serverWrite.seal(contentType: .handshake, plaintext: ByteBuffer(), into: &discard)
        var record = ByteBuffer()
        try serverWrite.seal(contentType: .handshake, plaintext: HandshakeMessage.helloRequest.encoded, into: &record)
        harness.connection.receive(&record)
        let before = harness.sentRecords.count
        try harness.drain()
        let sent = try #require(harness.sentRecords[before...].first)
        #expect(sent.0 == .alert)
        let (_, alert) = try clientWrite.open(TLSRecord(contentType: sent.0, legacyVersion: .tls12, fragment: sent.1))
        #expect(Array(alert.readableBytesView) == [1, 100])

        // Still connected: application data goes on.
        try harness.connection.write(ByteBuffer(string: "still here"))
        try harness.drain()
        #expect(harness.sentRecords.last?.0 == .applicationData)
    }

    @Test func otherHandshakeMessageAfterTheHandshakeIsUnexpected() throws {
        var (harness, keys, _, _) = try resumedConnection()
        var serverWrite = keys.recordProtection(writer: .server)
        var discard = ByteBuffer()
        try serverWrite.seal(contentType: .handshake, plaintext: ByteBuffer(), into: &discard)
        var record = ByteBuffer()
        try serverWrite.seal(contentType: .handshake, plaintext: HandshakeMessage.serverHelloDone.encoded, into: &record)
        harness.connection.receive(&record)
        #expect(throws: TLSError.self) { try harness.drain() }
    }

    @Test func wrongServerFinishedIsDecryptError() throws {
        var harness = try harness(offering: session())
        let keys = try serverKeys(harness)
        harness.receive(.serverHello(harness.tls12ServerHello(random: Self.serverRandom, sessionID: Array(repeating: 5, count: 32))))
        harness.receiveRecord(.changeCipherSpec, ByteBuffer(bytes: [1]))
        var serverWrite = keys.recordProtection(writer: .server)
        var record = ByteBuffer()
        let wrong = HandshakeMessage.finished(Finished(verifyData: Array(repeating: 0, count: 12))).encoded
        try serverWrite.seal(contentType: .handshake, plaintext: wrong, into: &record)
        harness.connection.receive(&record)
        var thrown: TLSError?
        do {
            while try harness.connection.nextAction() != nil {}
        } catch let error as TLSError {
            thrown = error
        }
        #expect(thrown?.alert == .decryptError, "\(String(describing: thrown))")
    }
}
