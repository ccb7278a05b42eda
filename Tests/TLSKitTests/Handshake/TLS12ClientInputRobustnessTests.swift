import NIOCore
import Testing
@testable import TLSKit

/// Whatever a TLS 1.2 server sends after its ServerHello, the client answers with an alert or
/// goes on; it never crashes, and never accepts a ServerKeyExchange that was changed in transit
/// (RFC 5246, Section 7.4.3; RFC 8422, Section 5.4).
@Suite struct TLS12ClientInputRobustnessTests {
    /// The client after a valid TLS 1.2 ServerHello and Certificate, and the encoded
    /// ServerKeyExchange and ServerHelloDone that complete the server's flight.
    static func clientBeforeServerKeyExchange() throws -> (ClientHandshakeHarness, [UInt8]) {
        var harness = try ClientHandshakeHarness()
        var server = try TLS12ScriptedServer(
            harness: harness, suite: .tlsECDHEECDSAWithAES128GCMSHA256, certificate: .p256)
        server.send(server.serverHello(), to: &harness)
        server.send(server.certificateMessage, to: &harness)
        try TLS12ClientFullHandshakeTests.run(&harness)
        var flight = HandshakeMessage.serverKeyExchange(try server.serverKeyExchange()).encoded
        flight.writeImmutableBuffer(HandshakeMessage.serverHelloDone.encoded)
        return (harness, Array(flight.readableBytesView))
    }

    static func record(_ payload: [UInt8]) -> ByteBuffer {
        var record = ByteBuffer()
        record.writeInteger(ContentType.handshake.rawValue)
        record.writeInteger(UInt16(0x0303))
        record.writeInteger(UInt16(payload.count))
        record.writeBytes(payload)
        return record
    }

    /// Feeds `bytes` and reports whether the client answered with its flight (its
    /// ChangeCipherSpec), failed (with the alert), or is waiting for more.
    static func outcome(of bytes: [UInt8], on connection: TLSConnection) -> (answered: Bool, error: TLSError?) {
        var connection = connection
        var buffer = record(bytes)
        connection.receive(&buffer)
        var answered = false
        for _ in 0..<16 {
            do {
                guard let action = try connection.nextAction() else { break }
                if case .send(let sent) = action, containsChangeCipherSpec(sent) { answered = true }
            } catch let error as TLSError {
                return (answered, error)
            } catch {
                Issue.record("unexpected error type \(error)")
                return (answered, nil)
            }
        }
        return (answered, nil)
    }

    /// Whether the records in `bytes` include a change_cipher_spec one.
    static func containsChangeCipherSpec(_ bytes: ByteBuffer) -> Bool {
        var bytes = bytes
        while bytes.readableBytes >= 5 {
            guard let type = bytes.readInteger(as: UInt8.self), bytes.readInteger(as: UInt16.self) != nil,
                let length = bytes.readInteger(as: UInt16.self), bytes.readSlice(length: Int(length)) != nil
            else { return false }
            if type == ContentType.changeCipherSpec.rawValue { return true }
        }
        return false
    }

    @Test func everySingleByteChangeOfTheServerKeyExchangeIsRefused() throws {
        let (harness, flight) = try Self.clientBeforeServerKeyExchange()
        var failures = 0
        for index in flight.indices {
            for replacement: UInt8 in [0x00, 0xFF, flight[index] ^ 0x01] where replacement != flight[index] {
                var bytes = flight
                bytes[index] = replacement
                let (answered, error) = Self.outcome(of: bytes, on: harness.connection)
                // A changed length only leaves the client waiting for more; nothing changed is accepted.
                #expect(!answered, "byte \(index) of \(flight.count) changed to \(replacement) was accepted")
                if let error {
                    failures += 1
                    #expect(error.alert != nil, "no alert for a change at byte \(index)")
                }
            }
        }
        #expect(failures > flight.count * 2)
        // The unchanged flight is accepted: the client answers with its own.
        let (answered, error) = Self.outcome(of: flight, on: harness.connection)
        #expect(answered && error == nil, "\(String(describing: error))")
    }

    @Test func randomBytesAfterTheServerHelloNeverCrashTheClient() throws {
        var generator = ClientInputRobustnessTests.SplitMix64(state: 0x1212_4B17)
        var harness = try ClientHandshakeHarness()
        harness.receive(.serverHello(harness.tls12ServerHello()))
        try harness.drain()
        for round in 0..<300 {
            var connection = harness.connection
            let length = Int.random(in: 0...600, using: &generator)
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if round % 2 == 0, bytes.count > 9 {
                bytes[0] = [20, 21, 22, 23][Int.random(in: 0...3, using: &generator)]
                bytes[1] = 3
                bytes[2] = 3
                // A handshake message type of TLS 1.2 so the message decoders are reached.
                bytes[5] = [0, 2, 4, 11, 12, 13, 14, 20][Int.random(in: 0...7, using: &generator)]
            }
            var buffer = ByteBuffer(bytes: bytes)
            connection.receive(&buffer)
            _ = settle(&connection)
        }
    }
}
