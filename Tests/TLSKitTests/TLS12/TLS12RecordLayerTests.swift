import Crypto
import NIOCore
import Testing

@testable import TLSKit

/// The record layer with TLS 1.2 keys: every content type keeps its outer type through
/// sealing and opening, change_cipher_spec passes up unopened, and an alert in plaintext once
/// read keys are set is refused (RFC 5246, Section 6.2).
@Suite struct TLS12RecordLayerTests {
    /// Two record layers: the client's writing with its keys, the server's reading them.
    static func layers(_ suite: CipherSuite) throws -> (writer: RecordLayer, reader: RecordLayer) {
        let parameters = try #require(CipherSuiteParameters.tls12(suite))
        let block = TLS12KeyBlock(
            parameters: parameters, masterSecret: SymmetricKey(data: [UInt8](repeating: 7, count: 48)),
            clientRandom: [UInt8](repeating: 3, count: 32), serverRandom: [UInt8](repeating: 4, count: 32))
        var writer = RecordLayer()
        writer.setWriteProtection(.tls12(TLS12RecordProtection(parameters: parameters, keyBlock: block, writer: .client)))
        var reader = RecordLayer()
        reader.setReadProtection(.tls12(TLS12RecordProtection(parameters: parameters, keyBlock: block, writer: .client)))
        return (writer, reader)
    }

    @Test(arguments: [CipherSuite.tlsECDHEECDSAWithAES128GCMSHA256, .tlsECDHERSAWithChaCha20Poly1305SHA256])
    func contentTypesSurviveProtection(_ suite: CipherSuite) throws {
        var (writer, reader) = try Self.layers(suite)
        var output = ByteBuffer()
        try writer.write(contentType: .handshake, data: ByteBuffer(bytes: [20, 0, 0, 12] + [UInt8](repeating: 9, count: 12)), into: &output)
        writer.writeChangeCipherSpec(into: &output)
        try writer.write(contentType: .applicationData, data: ByteBuffer(string: "GET /"), into: &output)
        try writer.write(contentType: .alert, data: ByteBuffer(bytes: [1, 0]), into: &output)
        // Protected records carry their real type outside, unlike TLS 1.3.
        #expect(output.getInteger(at: 0, as: UInt8.self) == ContentType.handshake.rawValue)

        reader.receive(&output)
        var seen: [(ContentType, [UInt8])] = []
        while let (type, fragment) = try reader.nextPlaintext() { seen.append((type, Array(fragment.readableBytesView))) }
        #expect(seen.map(\.0) == [.handshake, .changeCipherSpec, .applicationData, .alert])
        #expect(seen[0].1.count == 16)
        #expect(seen[1].1 == [1])
        #expect(seen[2].1 == Array("GET /".utf8))
        #expect(seen[3].1 == [1, 0])
    }

    @Test func plaintextAlertAfterReadKeysIsRefused() throws {
        var (_, reader) = try Self.layers(.tlsECDHEECDSAWithAES128GCMSHA256)
        var alert = ByteBuffer(bytes: [ContentType.alert.rawValue, 0x03, 0x03, 0x00, 0x02, 2, 40])
        reader.receive(&alert)
        #expect(throws: PeerMisbehaved.badRecordMAC) { try reader.nextPlaintext() }
    }
}
