import FuzzSupport
import NIOCore
@testable import TLSKit

/// Every handshake message and extension decoder against arbitrary bytes: the first byte picks
/// the handshake type (or an extension context), the rest is the body. Decoding must either
/// throw or give a value that encodes and decodes back to itself.
@main
enum FuzzMessagesEntry {
    static func main() { LibFuzzer.run(testOneInput: fuzzMessages) }
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzMessages(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    guard size > 0 else { return 0 }
    let selector = data[0]
    let body = ByteBuffer(bytes: UnsafeBufferPointer(start: data + 1, count: size - 1))
    if selector < 128 {
        let type = HandshakeType(rawValue: selector % 26)
        guard let message = try? HandshakeMessage.decode(type: type, body: body) else { return 0 }
        var encoded = ByteBuffer()
        message.encode(into: &encoded)
        encoded.moveReaderIndex(forwardBy: 4)
        guard let again = try? HandshakeMessage.decode(type: type, body: encoded), again == message else {
            fatalError("\(type) does not survive encode/decode: \(message)")
        }
    } else {
        let contexts: [ExtensionContext] = [
            .clientHello, .serverHello, .helloRetryRequest, .encryptedExtensions, .certificate,
            .certificateRequest, .newSessionTicket,
        ]
        let context = contexts[Int(selector) % contexts.count]
        var block = body
        guard let extensions = try? TLSExtension.decodeBlock(&block, context: context) else { return 0 }
        var encoded = ByteBuffer()
        TLSExtension.encodeBlock(extensions, into: &encoded)
        guard let again = try? TLSExtension.decodeBlock(&encoded, context: context), again == extensions else {
            fatalError("\(context) extensions do not survive encode/decode: \(extensions)")
        }
    }
    return 0
}
