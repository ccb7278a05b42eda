#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import NIOCore
import Testing

@testable import TLSKit
@testable import tlskit

@Suite struct ResumptionOptionsTests {
    @Test func earlyDataNeedsASessionToResume() throws {
        #expect(throws: (any Error).self) { try ClientCommand.parse(["example.com", "--early-data", "get.txt"]) }
        let withSession = try ClientCommand.parse(["example.com", "--early-data", "get.txt", "--sess-in", "s.pem"])
        #expect(withSession.resumption.earlyData == "get.txt")
        #expect(withSession.resumption.sessionIn == "s.pem")
        let withReconnect = try ClientCommand.parse(["example.com", "--early-data", "get.txt", "--reconnect", "2"])
        #expect(withReconnect.resumption.reconnect == 2)
        #expect(throws: (any Error).self) { try ClientCommand.parse(["example.com", "--reconnect", "-1"]) }
        #expect(throws: (any Error).self) { try ClientCommand.parse(["example.com", "--reconnect", "101"]) }
    }

    @Test func serverOptionsSetTicketsAndEarlyData() throws {
        var configuration = TLSServerConfiguration(identities: [])
        try ServerCommand.parse([]).resumption.apply(to: &configuration)
        #expect(configuration.ticketCount == 2)
        #expect(configuration.maxEarlyDataSize == 0)
        try ServerCommand.parse(["--tickets", "5", "--early-data", "--max-early-data", "1000"]).resumption.apply(to: &configuration)
        #expect(configuration.ticketCount == 5)
        #expect(configuration.maxEarlyDataSize == 1000)
        try ServerCommand.parse(["--tickets", "0", "--max-early-data", "1000"]).resumption.apply(to: &configuration)
        #expect(configuration.ticketCount == 0)
        #expect(configuration.maxEarlyDataSize == 0, "--max-early-data alone does not turn 0-RTT on")
        #expect(throws: (any Error).self) { try ServerCommand.parse(["--tickets", "17"]) }
    }

    /// A session in the format of `ClientSession.serialized()`, written out field by field.
    static func session() throws -> ClientSession {
        var buffer = ByteBuffer()
        buffer.writeBytes(Array("TLSKit-session".utf8))
        buffer.writeInteger(UInt8(2))
        buffer.writeInteger(ProtocolVersion.tls13.rawValue)
        buffer.writeInteger(CipherSuite.tlsAES128GCMSHA256.rawValue)
        buffer.writeTLSVector16 { $0.writeString("localhost") }
        buffer.writeInteger(UInt8(1))
        buffer.writeTLSVector8 { $0.writeString("http/1.1") }
        buffer.writeInteger(UInt8(1))
        buffer.writeTLSVector16 { $0.writeBytes(Array(repeating: 7, count: 40)) }
        buffer.writeInteger(UInt64(1_750_000_000_000))
        buffer.writeInteger(UInt32(7200))
        buffer.writeTLSVector24 { chain in chain.writeTLSVector24 { $0.writeBytes([1, 2, 3]) } }
        buffer.writeInteger(UInt32(12345))
        buffer.writeInteger(UInt32(16384))
        buffer.writeTLSVector8 { $0.writeBytes(Array(repeating: 9, count: 32)) }
        return try ClientSession(serialized: Array(buffer.readableBytesView))
    }

    @Test func sessionFilesRoundTripAndAreOwnerOnly() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("session.pem")
        let session = try Self.session()
        try SessionFile.write(session, to: path)
        var information = stat()
        #expect(stat(path, &information) == 0)
        #expect(information.st_mode & 0o777 == 0o600)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("-----BEGIN TLSKIT SESSION-----\n"))
        let read = try SessionFile.read(from: path)
        #expect(read.serialized() == session.serialized())
        #expect(read.serverName == "localhost")
        #expect(read.maxEarlyDataSize == 16384)
    }

    @Test func notASessionFileIsOneErrorLine() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("cert.pem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
        #expect(throws: PEMFileWriterError.self) { try SessionFile.read(from: directory.file("cert.pem")) }
        try directory.write("bad.pem", "-----BEGIN TLSKIT SESSION-----\nAAAA\n-----END TLSKIT SESSION-----\n")
        #expect(throws: PEMFileWriterError.self) { try SessionFile.read(from: directory.file("bad.pem")) }
        #expect(throws: PEMFileWriterError.self) { try SessionFile.read(from: directory.file("missing.pem")) }
    }

    @Test func resumedAndEarlyDataAppearInTheLogLine() {
        var summary = HandshakeSummary(
            version: .tls13, cipherSuite: .tlsAES128GCMSHA256, group: .x25519, signatureScheme: nil,
            applicationProtocol: nil, helloRetryRequested: false, serverName: "localhost",
            peerCertificates: [], verification: nil, role: .server, resumed: true, earlyDataAccepted: true)
        #expect(
            TLSServerLogLine.handshake(summary, remote: "127.0.0.1:1")
                == "127.0.0.1:1 TLSv1.3 TLS_AES_128_GCM_SHA256 x25519 sni=localhost resumed early-data=accepted")
        summary.earlyDataAccepted = false
        #expect(TLSServerLogLine.handshake(summary, remote: "127.0.0.1:1").hasSuffix("resumed early-data=rejected"))
    }

    @Test func earlyDataOutcomesAreNamed() {
        #expect(ClientResumptionRun.describeEarlyData(true) == "Early data accepted")
        #expect(ClientResumptionRun.describeEarlyData(false) == "Early data rejected (sent again after the handshake)")
        #expect(ClientResumptionRun.describeEarlyData(nil).hasPrefix("Early data not offered"))
    }
}
