import NIOCore
import Testing

@testable import TLSKit

/// Corrupting any single byte of a real message never crashes the decoder: it decodes, or it
/// fails with a typed error that carries an alert.
@Suite struct MessageCorruptionTests {
    typealias Support = MessageCodecTestSupport
    typealias Vectors = RFC8448MessageVectors

    @Test(arguments: [
        Vectors.clientHello, Vectors.serverHello, Vectors.encryptedExtensions, Vectors.certificate,
        Vectors.newSessionTicket, Vectors.resumedClientHello,
    ])
    func singleByteCorruption(message: [UInt8]) {
        let type = HandshakeType(rawValue: message[0])
        let body = Array(message.dropFirst(4))
        for index in body.indices {
            for value: UInt8 in [0x00, 0x01, 0x7F, 0xFF] {
                var corrupted = body
                corrupted[index] = value
                do {
                    _ = try Support.decodeBody(type, corrupted)
                } catch {
                    let alert = Support.alert { throw error }
                    #expect(alert == .decodeError || alert == .illegalParameter, "byte \(index) = \(value): \(error)")
                }
            }
        }
    }
}
