import NIOCore
import Testing
@testable import TLSKit

/// Whatever a server sends, the client answers with an alert or waits for more; it never
/// crashes and never accepts a corrupted ServerHello silently (RFC 8446, Section 6).
@Suite struct ClientInputRobustnessTests {
    /// A small deterministic generator so failures can be replayed.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func everySingleByteChangeOfAServerHelloRecordIsHandled() throws {
        var harness = try ClientHandshakeHarness()
        var record = ByteBuffer()
        var message = ByteBuffer()
        HandshakeMessage.serverHello(try harness.serverHello()).encode(into: &message)
        record.writeInteger(ContentType.handshake.rawValue)
        record.writeInteger(UInt16(0x0303))
        record.writeInteger(UInt16(message.readableBytes))
        record.writeImmutableBuffer(message)
        let original = Array(record.readableBytesView)

        var failures = 0
        for index in original.indices {
            for replacement: UInt8 in [0x00, 0xFF, original[index] ^ 0x01] where replacement != original[index] {
                var connection = harness.connection
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
        // Most single-byte changes must be caught right away (the random bytes may change freely).
        #expect(failures > original.count)
        // The unchanged record is still accepted.
        var buffer = ByteBuffer(bytes: original)
        harness.connection.receive(&buffer)
        #expect(settle(&harness.connection) == nil)
    }

    @Test func randomBytesNeverCrashTheClient() throws {
        var generator = SplitMix64(state: 0x7115_4B17)
        let harness = try ClientHandshakeHarness()
        for round in 0..<300 {
            var connection = harness.connection
            let length = Int.random(in: 0...600, using: &generator)
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            // Half the time, start with a plausible record header so the parser goes deeper.
            if round % 2 == 0, bytes.count > 5 {
                bytes[0] = [20, 21, 22, 23][Int.random(in: 0...3, using: &generator)]
                bytes[1] = 3
                bytes[2] = 3
            }
            var buffer = ByteBuffer(bytes: bytes)
            connection.receive(&buffer)
            _ = settle(&connection)
        }
    }

    @Test func oversizedHandshakeMessageIsRefusedBeforeItIsBuffered() throws {
        var harness = try ClientHandshakeHarness()
        // A ServerHello header announcing 16 MiB: refused from the header alone.
        var message = ByteBuffer()
        message.writeInteger(HandshakeType.serverHello.rawValue)
        message.writeTLSUInt24(0xFF_FFFF)
        message.writeRepeatingByte(0, count: 100)
        harness.receiveRecord(.handshake, message)
        let error = try harness.expectFailure(sendsAlert: .decodeError)
        #expect(error.code == .limitExceeded)
        #expect(error.reason.contains("limits.maximumHandshakeMessageSize"))
    }
}
