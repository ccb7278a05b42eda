import NIOCore
import Testing
@testable import TLSKit

/// Whatever a client sends, the server answers with an alert or waits for more; it never
/// crashes (RFC 8446, Section 6).
@Suite struct ServerInputRobustnessTests {
    @Test func everySingleByteChangeOfAClientHelloRecordIsHandled() throws {
        let configuration = try ServerTestPKI.get().serverConfiguration()
        let fresh = try TLSConnection(configuration: configuration)
        let (hello, _) = try ServerHandshakeHarness.clientHello()
        var message = ByteBuffer()
        HandshakeMessage.clientHello(hello).encode(into: &message)
        var record = ByteBuffer()
        record.writeInteger(ContentType.handshake.rawValue)
        record.writeInteger(UInt16(0x0301))
        record.writeInteger(UInt16(message.readableBytes))
        record.writeImmutableBuffer(message)
        let original = Array(record.readableBytesView)

        var failures = 0
        for index in original.indices {
            for replacement: UInt8 in [0x00, 0xFF, original[index] ^ 0x01] where replacement != original[index] {
                var connection = fresh
                var bytes = original
                bytes[index] = replacement
                var buffer = ByteBuffer(bytes: bytes)
                connection.receive(&buffer)
                if let error = settle(&connection) {
                    failures += 1
                    #expect(error.alert != nil, "no alert for a change at byte \(index)")
                }
            }
        }
        // Changes to lengths, types and code points are caught; random bytes may change freely.
        #expect(failures > original.count / 2)
        // The unchanged record is answered with a ServerHello flight.
        var connection = fresh
        var buffer = ByteBuffer(bytes: original)
        connection.receive(&buffer)
        guard case .send(let flight)? = try connection.nextAction() else {
            Issue.record("the server did not answer the unchanged ClientHello")
            return
        }
        #expect(flight.getInteger(at: flight.readerIndex, as: UInt8.self) == ContentType.handshake.rawValue)
    }

    @Test func randomBytesNeverCrashTheServer() throws {
        var generator = ClientInputRobustnessTests.SplitMix64(state: 0x5E7E_7115)
        let fresh = try TLSConnection(configuration: try ServerTestPKI.get().serverConfiguration())
        for round in 0..<300 {
            var connection = fresh
            let length = Int.random(in: 0...600, using: &generator)
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if round % 2 == 0, bytes.count > 9 {
                // A plausible record and handshake header, so the parsers go deeper.
                bytes[0] = 22
                bytes[1] = 3
                bytes[2] = 1
                bytes[5] = 1
            }
            var buffer = ByteBuffer(bytes: bytes)
            connection.receive(&buffer)
            _ = settle(&connection)
        }
    }
}
