import NIOCore
import Testing

@testable import TLSKit

/// Helpers shared by the message codec tests.
enum MessageCodecTestSupport {
    /// Bytes from hex text; whitespace is ignored.
    static func bytes(_ hex: String) -> [UInt8] {
        let digits = hex.filter { !$0.isWhitespace }
        var result: [UInt8] = []
        var index = digits.startIndex
        while index < digits.endIndex {
            let next = digits.index(index, offsetBy: 2)
            result.append(UInt8(digits[index..<next], radix: 16) ?? 0xEE)
            index = next
        }
        return result
    }

    static func buffer(_ bytes: [UInt8]) -> ByteBuffer {
        ByteBuffer(bytes: bytes)
    }

    /// The alert the thrown error carries, or `nil` if nothing (or something else) was thrown.
    static func alert(_ body: () throws -> Void) -> AlertDescription? {
        do {
            try body()
            return nil
        } catch let error as DecodeError {
            return error.alert
        } catch let error as PeerMisbehaved {
            return error.alert
        } catch let error as TLSError {
            return error.alert
        } catch {
            return nil
        }
    }

    /// Splits a full handshake message (header included) and decodes it, checking the header.
    static func decodeMessage(_ raw: [UInt8]) throws -> HandshakeMessage {
        var buffer = ByteBuffer(bytes: raw)
        let type = HandshakeType(rawValue: try buffer.readTLSUInt8())
        let length = try buffer.readTLSUInt24()
        #expect(Int(length) == buffer.readableBytes)
        return try HandshakeMessage.decode(type: type, body: buffer)
    }

    static func encode(_ message: HandshakeMessage) -> [UInt8] {
        var buffer = ByteBuffer()
        message.encode(into: &buffer)
        return Array(buffer.readableBytesView)
    }

    /// Decodes a message body (no header) of the given type.
    static func decodeBody(_ type: HandshakeType, _ body: [UInt8]) throws -> HandshakeMessage {
        try HandshakeMessage.decode(type: type, body: ByteBuffer(bytes: body))
    }

    static func encode(_ item: TLSExtension) -> [UInt8] {
        var buffer = ByteBuffer()
        item.encode(into: &buffer)
        return Array(buffer.readableBytesView)
    }

    /// Decodes one encoded extension (type, length, body) in a context.
    static func decodeExtension(_ raw: [UInt8], context: ExtensionContext) throws -> TLSExtension {
        var buffer = ByteBuffer(bytes: raw)
        let type = ExtensionType(rawValue: try buffer.readTLSUInt16())
        let body = try buffer.readTLSVector16("extension_data")
        try buffer.expectFullyRead("extension")
        return try TLSExtension.decode(type: type, body: body, context: context)
    }

    /// An extension body (no header) decoded as `type` in `context`.
    static func decodeExtensionBody(
        _ type: ExtensionType, _ body: [UInt8], context: ExtensionContext
    ) throws -> TLSExtension {
        try TLSExtension.decode(type: type, body: ByteBuffer(bytes: body), context: context)
    }

    /// Decodes an extension block (with its length prefix) in a context.
    static func decodeBlock(_ raw: [UInt8], context: ExtensionContext) throws -> [TLSExtension] {
        var buffer = ByteBuffer(bytes: raw)
        let extensions = try TLSExtension.decodeBlock(&buffer, context: context)
        try buffer.expectFullyRead("extensions")
        return extensions
    }

    /// An extension block built from raw (type, body) pairs.
    static func block(_ items: [(UInt16, [UInt8])]) -> [UInt8] {
        var buffer = ByteBuffer()
        buffer.writeTLSVector16 { block in
            for (type, body) in items {
                block.writeInteger(type)
                block.writeTLSVector16 { $0.writeBytes(body) }
            }
        }
        return Array(buffer.readableBytesView)
    }
}
