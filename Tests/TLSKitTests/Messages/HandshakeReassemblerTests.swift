import NIOCore
import Testing

@testable import TLSKit

@Suite struct HandshakeReassemblerTests {
    typealias Support = MessageCodecTestSupport
    typealias Vectors = RFC8448MessageVectors

    @Test func joinsOneMessageSplitAcrossThreeFragments() throws {
        var reassembler = HandshakeReassembler(maximumMessageSize: 1 << 16)
        let message = Vectors.certificate
        // Cut inside the header, then inside the body.
        let cuts = [0..<2, 2..<200, 200..<message.count]
        for (index, range) in cuts.enumerated() {
            reassembler.append(Support.buffer(Array(message[range])))
            if index < cuts.count - 1 {
                #expect(try reassembler.nextMessage() == nil)
                #expect(!reassembler.isEmpty)
            }
        }
        let next = try #require(try reassembler.nextMessage())
        #expect(next.type == .certificate)
        #expect(Array(next.raw.readableBytesView) == message)
        #expect(Array(next.body.readableBytesView) == Array(message.dropFirst(4)))
        #expect(reassembler.isEmpty)
        #expect(try reassembler.nextMessage() == nil)
        guard case .certificate = try HandshakeMessage.decode(type: next.type, body: next.body) else {
            Issue.record("the body does not decode as a Certificate")
            return
        }
    }

    @Test func splitsThreeMessagesFromOneFragment() throws {
        var reassembler = HandshakeReassembler(maximumMessageSize: 1 << 16)
        let messages = [Vectors.encryptedExtensions, Vectors.certificateVerify, Vectors.serverFinished]
        reassembler.append(Support.buffer(messages.flatMap { $0 }))
        for message in messages {
            let next = try #require(try reassembler.nextMessage())
            #expect(next.type.rawValue == message[0])
            #expect(Array(next.raw.readableBytesView) == message)
            #expect(Array(next.body.readableBytesView) == Array(message.dropFirst(4)))
        }
        #expect(try reassembler.nextMessage() == nil)
        #expect(reassembler.isEmpty)
    }

    @Test func keepsAPartialTailAcrossFragments() throws {
        var reassembler = HandshakeReassembler(maximumMessageSize: 1 << 16)
        let first = Vectors.serverHello
        let second = Vectors.encryptedExtensions
        reassembler.append(Support.buffer(first + second.prefix(10)))
        #expect(try reassembler.nextMessage()?.type == .serverHello)
        #expect(try reassembler.nextMessage() == nil)
        #expect(!reassembler.isEmpty, "a partial EncryptedExtensions is buffered")
        reassembler.append(Support.buffer(Array(second.dropFirst(10))))
        #expect(Array(try #require(try reassembler.nextMessage()).raw.readableBytesView) == second)
        #expect(reassembler.isEmpty)
    }

    @Test func emptyBodiesComeOutWhole() throws {
        var reassembler = HandshakeReassembler(maximumMessageSize: 16)
        reassembler.append(Support.buffer([5, 0, 0, 0]))
        let next = try #require(try reassembler.nextMessage())
        #expect(next.type == .endOfEarlyData)
        #expect(next.body.readableBytes == 0)
        #expect(next.raw.readableBytes == 4)
    }

    @Test func rejectsOversizeMessagesFromTheHeaderAlone() throws {
        var reassembler = HandshakeReassembler(maximumMessageSize: 1000)
        // Only the header of a 1001-byte body has arrived.
        reassembler.append(Support.buffer([11, 0, 0x03, 0xE9]))
        let error = try #require(throws: TLSError.self) { _ = try reassembler.nextMessage() }
        #expect(error.code == .limitExceeded)
        #expect(error.alert == .decodeError)
        #expect(error.reason.contains("1001 bytes") && error.reason.contains("maximumCertificateMessageSize"))

        // A body of exactly the maximum is fine.
        var atLimit = HandshakeReassembler(maximumMessageSize: 1000)
        atLimit.append(Support.buffer([11, 0, 0x03, 0xE8]))
        #expect(try atLimit.nextMessage() == nil)
        atLimit.append(Support.buffer([UInt8](repeating: 0, count: 1000)))
        #expect(try atLimit.nextMessage()?.body.readableBytes == 1000)

        // Certificate has a bound of its own; other messages keep theirs.
        var separate = HandshakeReassembler(maximumMessageSize: 100, maximumCertificateMessageSize: 1000)
        separate.append(Support.buffer([11, 0, 0x03, 0xE8]))
        #expect(try separate.nextMessage() == nil)
        var other = HandshakeReassembler(maximumMessageSize: 100, maximumCertificateMessageSize: 1000)
        other.append(Support.buffer([13, 0, 0, 101]))
        let refused = try #require(throws: TLSError.self) { _ = try other.nextMessage() }
        #expect(refused.alert == .decodeError && refused.reason.contains("maximumHandshakeMessageSize"))

        // The largest length a header can state is refused at once as well.
        var huge = HandshakeReassembler(maximumMessageSize: 1 << 16)
        huge.append(Support.buffer([1, 0xFF, 0xFF, 0xFF, 0]))
        #expect(Support.alert { _ = try huge.nextMessage() } == .decodeError)
    }
}
