import NIOCore

/// RFC 8446, Section 4.3.1.
public struct EncryptedExtensions: Hashable, Sendable {
    public var extensions: [TLSExtension]

    public init(extensions: [TLSExtension]) {
        self.extensions = extensions
    }

    func encodeBody(into buffer: inout ByteBuffer) {
        TLSExtension.encodeBlock(extensions, into: &buffer)
    }

    static func decodeBody(_ buffer: inout ByteBuffer) throws -> EncryptedExtensions {
        EncryptedExtensions(extensions: try TLSExtension.decodeBlock(&buffer, context: .encryptedExtensions))
    }
}
