import NIOCore
import Testing

@testable import TLSKit

@Suite struct RecordDeframerTests {
    func record(_ type: UInt8, _ body: [UInt8]) -> [UInt8] {
        [type, 3, 3, UInt8(body.count >> 8), UInt8(body.count & 0xFF)] + body
    }

    @Test func recordSplitAcrossReads() throws {
        let bytes = record(22, Array(0..<200))
        var deframer = RecordDeframer()
        for chunk in stride(from: 0, to: bytes.count, by: 3) {
            #expect(try deframer.nextRecord() == nil)
            var buffer = ByteBuffer(bytes: bytes[chunk..<min(chunk + 3, bytes.count)])
            deframer.append(&buffer)
            #expect(buffer.readableBytes == 0)
        }
        let parsed = try #require(try deframer.nextRecord())
        #expect(parsed.contentType == .handshake)
        #expect(parsed.legacyVersion == .tls12)
        #expect(Array(parsed.fragment.readableBytesView) == Array(0..<200))
        #expect(try deframer.nextRecord() == nil)
        #expect(deframer.bufferedBytes == 0)
    }

    @Test func recordsPackedInOneRead() throws {
        var buffer = ByteBuffer(bytes: record(22, [1, 2, 3]) + record(21, [2, 40]) + record(23, []) + record(20, [1])[0..<3])
        var deframer = RecordDeframer()
        deframer.append(&buffer)
        let first = try #require(try deframer.nextRecord())
        #expect(first.contentType == .handshake && Array(first.fragment.readableBytesView) == [1, 2, 3])
        let second = try #require(try deframer.nextRecord())
        #expect(second.contentType == .alert && Array(second.fragment.readableBytesView) == [2, 40])
        let third = try #require(try deframer.nextRecord())
        #expect(third.contentType == .applicationData && third.fragment.readableBytes == 0)
        #expect(try deframer.nextRecord() == nil)
        var rest = ByteBuffer(bytes: [0, 1, 1])
        deframer.append(&rest)
        let fourth = try #require(try deframer.nextRecord())
        #expect(fourth.contentType == .changeCipherSpec && Array(fourth.fragment.readableBytesView) == [1])
    }

    @Test func overflowIsRefusedBeforeTheBodyArrives() {
        var buffer = ByteBuffer(bytes: [23, 3, 3, 0x41, 0x01])  // 2^14 + 257
        var deframer = RecordDeframer()
        deframer.append(&buffer)
        #expect(throws: PeerMisbehaved.recordOverflow((1 << 14) + 257)) { try deframer.nextRecord() }
    }

    @Test func largestCiphertextIsAccepted() throws {
        var buffer = ByteBuffer(bytes: record(23, [UInt8](repeating: 9, count: (1 << 14) + 256)))
        var deframer = RecordDeframer()
        deframer.append(&buffer)
        #expect(try deframer.nextRecord()?.fragment.readableBytes == (1 << 14) + 256)
    }

    @Test func unknownContentTypeIsUnexpected() {
        var buffer = ByteBuffer(bytes: Array("HTTP/1.1 400 Bad Request\r\n".utf8))
        var deframer = RecordDeframer()
        deframer.append(&buffer)
        #expect(throws: PeerMisbehaved.unexpectedMessage(
            #"plain text instead of a TLS record ("HTTP/1.1 400 Bad Request"); the peer does not speak TLS on this port"#
        )) { try deframer.nextRecord() }
    }

    /// An SSLv2-compatible ClientHello (as old clients send): 2-byte length with the high bit,
    /// CLIENT-HELLO, version 3.1, cipher specs, session ID and challenge lengths, then the lists.
    @Test func sslVersion2ClientHelloIsNamed() {
        var hello: [UInt8] = [0x01, 0x03, 0x01, 0x00, 0x06, 0x00, 0x00, 0x00, 0x10]
        hello += [0x00, 0x00, 0x2F, 0x00, 0x00, 0xFF]  // TLS_RSA_WITH_AES_128_CBC_SHA, the SCSV
        hello += Array(repeating: 0xAB, count: 16)  // challenge
        var buffer = ByteBuffer(bytes: [0x80, UInt8(hello.count)] + hello)
        var deframer = RecordDeframer()
        deframer.append(&buffer)
        #expect(throws: PeerMisbehaved.unexpectedMessage(
            "an SSL 2.0-format ClientHello; SSL 2.0 is insecure and not supported: the client must send a TLS ClientHello (TLS 1.2 or 1.3)"
        )) { try deframer.nextRecord() }
    }

    @Test func unknownBinaryContentTypeNamesTheType() {
        var buffer = ByteBuffer(bytes: [0x63, 0x03, 0x03, 0x00, 0x01, 0x00])
        var deframer = RecordDeframer()
        deframer.append(&buffer)
        #expect(throws: PeerMisbehaved.unexpectedMessage("a record of unknown content type 99")) { try deframer.nextRecord() }
    }
}
