import Crypto
import Foundation
import NIOCore
import Testing
@testable import TLSKit

/// NSS key log lines (draft-ietf-tls-keylogfile) from both roles.
@Suite struct KeyLogTests {
    static let fullHandshakeLabels: Set<String> = [
        "CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET",
        "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0", "EXPORTER_SECRET",
    ]

    /// A handshake with key logs on both sides; also the bytes each side sent.
    private func loggedHandshake(
        suite: CipherSuite
    ) async throws -> (pipe: ConnectionPipe, client: KeyLogCollector, server: KeyLogCollector, clientSent: Capture, serverSent: Capture) {
        let fixture = try ServerTestPKI.get()
        let clientLog = KeyLogCollector()
        let serverLog = KeyLogCollector()
        var client = fixture.clientConfiguration()
        client.cipherSuites = [suite]
        client.keyLog = clientLog.callback
        var server = try fixture.serverConfiguration()
        server.keyLog = serverLog.callback
        // No session tickets: the tests count the records under each key.
        server.ticketCount = 0
        var pipe = try ConnectionPipe(client: client, server: server)
        let clientSent = Capture()
        let serverSent = Capture()
        pipe.clientToServer = { bytes in clientSent.append(bytes); return bytes }
        pipe.serverToClient = { bytes in serverSent.append(bytes); return bytes }
        try await pipe.handshake()
        return (pipe, clientLog, serverLog, clientSent, serverSent)
    }

    @Test(arguments: CipherSuite.tls13Suites)
    func bothRolesLogEveryFullHandshakeSecret(_ suite: CipherSuite) async throws {
        let (_, clientLog, serverLog, clientSent, _) = try await loggedHandshake(suite: suite)
        let hash = try #require(CipherSuiteParameters.tls13(suite)).hash
        // The ClientHello's random: record header (5), handshake header (4), legacy_version (2).
        let firstFlight = clientSent.bytes
        let clientRandom = Array(firstFlight[11..<43])
        let randomHex = clientRandom.map { String(format: "%02x", $0) }.joined()

        for log in [clientLog, serverLog] {
            let lines = log.lines
            #expect(Set(lines.compactMap { $0.split(separator: " ").first.map(String.init) }) == Self.fullHandshakeLabels)
            #expect(lines.count == Self.fullHandshakeLabels.count, "\(lines)")
            for line in lines {
                let fields = line.split(separator: " ", omittingEmptySubsequences: false)
                #expect(fields.count == 3, "\(line)")
                #expect(fields.count > 1 && fields[1] == randomHex[...], "\(line)")
                #expect(fields.count > 2 && fields[2].count == 2 * hash.digestLength, "\(line)")
                #expect(fields.count > 2 && fields[2].allSatisfy { "0123456789abcdef".contains($0) }, "\(line)")
                #expect(!line.contains("\n"))
            }
        }
        #expect(Set(clientLog.lines) == Set(serverLog.lines))
    }

    @Test(arguments: CipherSuite.tls13Suites)
    func loggedHandshakeSecretsOpenTheFirstEncryptedRecords(_ suite: CipherSuite) async throws {
        let (_, clientLog, _, clientSent, serverSent) = try await loggedHandshake(suite: suite)
        let parameters = try #require(CipherSuiteParameters.tls13(suite))

        // The server's first protected record starts with EncryptedExtensions (type 8).
        let serverSecret = try #require(clientLog.secret("SERVER_HANDSHAKE_TRAFFIC_SECRET"))
        var serverProtection = TLS13RecordProtection(parameters: parameters, trafficSecret: SymmetricKey(data: serverSecret))
        let serverRecord = try #require(try Self.firstProtectedRecord(serverSent.bytes))
        let (serverType, serverPlaintext) = try serverProtection.open(serverRecord)
        #expect(serverType == .handshake)
        #expect(serverPlaintext.getInteger(at: serverPlaintext.readerIndex, as: UInt8.self) == HandshakeType.encryptedExtensions.rawValue)

        // The client's first protected record is its Finished (type 20).
        let clientSecret = try #require(clientLog.secret("CLIENT_HANDSHAKE_TRAFFIC_SECRET"))
        var clientProtection = TLS13RecordProtection(parameters: parameters, trafficSecret: SymmetricKey(data: clientSecret))
        let clientRecord = try #require(try Self.firstProtectedRecord(clientSent.bytes))
        let (clientType, clientPlaintext) = try clientProtection.open(clientRecord)
        #expect(clientType == .handshake)
        #expect(clientPlaintext.getInteger(at: clientPlaintext.readerIndex, as: UInt8.self) == HandshakeType.finished.rawValue)

        // A wrong secret does not open it.
        var wrong = TLS13RecordProtection(parameters: parameters, trafficSecret: SymmetricKey(data: serverSecret))
        #expect(throws: (any Error).self) { try wrong.open(clientRecord) }
    }

    @Test func applicationSecretOpensApplicationData() async throws {
        var (pipe, _, serverLog, _, serverSent) = try await loggedHandshake(suite: .tlsChaCha20Poly1305SHA256)
        serverSent.reset()
        try pipe.server.connection.write(ByteBuffer(string: "hello from the server"))
        try await pipe.run()
        #expect(pipe.client.received == ByteBuffer(string: "hello from the server"))
        let parameters = try #require(CipherSuiteParameters.tls13(.tlsChaCha20Poly1305SHA256))
        let secret = try #require(serverLog.secret("SERVER_TRAFFIC_SECRET_0"))
        var protection = TLS13RecordProtection(parameters: parameters, trafficSecret: SymmetricKey(data: secret))
        let record = try #require(try Self.firstProtectedRecord(serverSent.bytes))
        let (type, plaintext) = try protection.open(record)
        #expect(type == .applicationData)
        #expect(plaintext == ByteBuffer(string: "hello from the server"))
    }

    /// The first record whose outer type is application_data, as a `TLSRecord`.
    static func firstProtectedRecord(_ bytes: [UInt8]) throws -> TLSRecord? {
        for (type, fragment) in try TestRecords.split(ByteBuffer(bytes: bytes)) where type == .applicationData {
            return TLSRecord(contentType: type, legacyVersion: .tls12, fragment: fragment)
        }
        return nil
    }
}

/// Bytes one side of a pipe sent, appended from the pipe's transform.
final class Capture: @unchecked Sendable {
    private(set) var bytes: [UInt8] = []
    func append(_ buffer: ByteBuffer) { bytes += buffer.readableBytesView }
    func reset() { bytes = [] }
}
