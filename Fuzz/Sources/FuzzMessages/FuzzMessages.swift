import FuzzSupport
import NIOCore
@testable import TLSKit

/// Every handshake message and extension decoder against arbitrary bytes: the first byte picks
/// the handshake type and its TLS 1.3 or TLS 1.2 form, or an extension context (see
/// `FuzzMessageSelector`); the rest is the body. Decoding must either throw or give a value
/// that encodes and decodes back to itself.
@main
enum FuzzMessagesEntry {
    static func main() { LibFuzzer.run(testOneInput: fuzzMessages) }
}

/// The extension contexts, in the order `FuzzMessageSelector` numbers them.
let contexts: [ExtensionContext] = [
    .clientHello, .serverHello, .helloRetryRequest, .encryptedExtensions, .certificate,
    .certificateRequest, .newSessionTicket,
]

extension HandshakeMessage.Form {
    init(_ form: FuzzMessageSelector.Form) {
        switch form {
        case .tls13: self = .tls13
        case .tls12: self = .tls12(keyExchange: nil)
        case .tls12ECDHE: self = .tls12(keyExchange: .ecdhe)
        case .tls12RSA: self = .tls12(keyExchange: .rsa)
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzMessages(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let body = ByteBuffer(bytes: UnsafeBufferPointer(start: data + 1, count: size - 1))
    switch FuzzMessageSelector(data[0]) {
    case .message(let rawType, let selectedForm):
        let type = HandshakeType(rawValue: rawType)
        let form = HandshakeMessage.Form(selectedForm)
        guard let message = try? HandshakeMessage.decode(type: type, body: body, form: form) else { return 0 }
        var encoded = ByteBuffer()
        message.encode(into: &encoded)
        encoded.moveReaderIndex(forwardBy: 4)
        guard let again = try? HandshakeMessage.decode(type: type, body: encoded, form: form), again == message else {
            fatalError("\(type) (\(form)) does not survive encode/decode: \(message)")
        }
    case .extensions(let index):
        let context = contexts[index]
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
