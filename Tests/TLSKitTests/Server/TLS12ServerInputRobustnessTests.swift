import NIOCore
import Testing
@testable import TLSKit

/// Whatever a TLS 1.2 client sends after the server's first flight, the server answers with
/// an alert or waits for more; it never crashes (RFC 5246, Section 7.2.2).
@Suite struct TLS12ServerInputRobustnessTests {
    @Test(arguments: [DevelopmentKeyType.p256, .rsa2048])
    func everyMessageTypeWithJunkAfterTheServerFlightIsHandled(_ key: DevelopmentKeyType) throws {
        var configuration = try ServerTestPKI.get().serverConfiguration(key)
        if key.isRSA { configuration.cipherSuites += CipherSuite.tls12RSAKeyExchangeSuites }
        var harness = try ServerHandshakeHarness(configuration: configuration)
        let suites: [CipherSuite] = key.isRSA ? [.tlsRSAWithAES128GCMSHA256] : [.tlsECDHEECDSAWithAES128GCMSHA256]
        var client = TLS12ScriptedClient(hello: TLS12ScriptedClient.clientHello(suites: suites))
        try client.start(&harness)
        let fresh = harness.connection
        let bodies: [[UInt8]] = [[], [0], [0xFF, 0xFF], [0x20] + [UInt8](repeating: 0xAB, count: 32), [UInt8](repeating: 0, count: 300)]
        var failures = 0
        var attempts = 0
        for type in UInt8(0)...25 {
            for body in bodies {
                var connection = fresh
                var record = ByteBuffer()
                var message = ByteBuffer()
                message.writeInteger(type)
                message.writeInteger(UInt8(0))
                message.writeInteger(UInt16(body.count))
                message.writeBytes(body)
                record.writeInteger(ContentType.handshake.rawValue)
                record.writeInteger(ProtocolVersion.tls12.rawValue)
                record.writeInteger(UInt16(message.readableBytes))
                record.writeImmutableBuffer(message)
                connection.receive(&record)
                attempts += 1
                if let error = settle(&connection) {
                    failures += 1
                    #expect(error.alert != nil, "no alert for type \(type)")
                }
            }
        }
        // Only a ClientKeyExchange can go on (RSA accepts any ciphertext until Finished).
        #expect(failures >= attempts - bodies.count)
    }
}
