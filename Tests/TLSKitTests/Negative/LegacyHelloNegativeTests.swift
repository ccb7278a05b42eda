import NIOCore
import Testing
@testable import TLSKit

/// SSL 2.0-format ClientHellos: a 2-byte record header with the high bit set, then msg_type 1
/// (RFC 5246, Appendix E.2). RFC 5246 lets a TLS 1.2 server accept one for compatibility;
/// RFC 6176 forbids negotiating SSL 2.0 and RFC 8446, Appendix D.5 forbids negotiating TLS 1.3
/// from one. TLSKit accepts none: the first byte is no TLS content type, so it answers with
/// a plaintext unexpected_message alert (RFC 8446, Section 5; RFC 5246, Section 6), the
/// reason naming the SSL 2.0 hello, whatever versions the server enables. The TLS 1.3 and 1.2
/// server with a short hello is ServerRejectionTests.sslVersion2ClientHelloIsUnexpectedMessage.
@Suite struct LegacyHelloNegativeTests {
    /// A CLIENT-HELLO as TLS 1.2 clients with SSL 2.0 compatibility sent it: version 3.3,
    /// the suites as 3-byte cipher specs (ECDHE-ECDSA-AES128-GCM-SHA256 and the renegotiation
    /// SCSV), no session ID and a 32-byte challenge.
    static func sslVersion2ClientHello() -> [UInt8] {
        let cipherSpecs: [UInt8] = [0x00, 0xC0, 0x2B, 0x00, 0x00, 0xFF]
        let challenge = [UInt8](repeating: 0xA5, count: 32)
        var body: [UInt8] = [0x01, 0x03, 0x03]
        body += [0x00, UInt8(cipherSpecs.count), 0x00, 0x00, 0x00, UInt8(challenge.count)]
        body += cipherSpecs + challenge
        return [0x80 | UInt8(body.count >> 8), UInt8(body.count & 0xFF)] + body
    }

    @Test(arguments: [[ProtocolVersion.tls13, .tls12], [.tls12], [.tls13]])
    func sslVersion2ClientHelloIsUnexpectedMessage(_ versions: [ProtocolVersion]) throws {
        var configuration = try ServerTestPKI.get().serverConfiguration()
        configuration.versions = versions
        var harness = try ServerHandshakeHarness(configuration: configuration)
        var bytes = ByteBuffer(bytes: Self.sslVersion2ClientHello())
        harness.connection.receive(&bytes)
        let error = try harness.expectFailure(.unexpectedMessage)
        #expect(error.reason.contains("SSL 2.0-format ClientHello"), "\(error.reason)")
        #expect(harness.sentRecords.map(\.0) == [.alert])
    }

    /// The same hello arriving a byte at a time: nothing happens until the five bytes of a
    /// record header are there, then the same refusal; no wait for more, no crash.
    @Test func sslVersion2ClientHelloByteByByteIsUnexpectedMessage() throws {
        var harness = try ServerHandshakeHarness(configuration: try ServerTestPKI.get().serverConfiguration())
        let hello = Self.sslVersion2ClientHello()
        for byte in hello.prefix(4) {
            var bytes = ByteBuffer(bytes: [byte])
            harness.connection.receive(&bytes)
            #expect(try harness.connection.nextAction() == nil)
        }
        var rest = ByteBuffer(bytes: Array(hello.dropFirst(4)))
        harness.connection.receive(&rest)
        try harness.expectFailure(.unexpectedMessage)
    }
}
