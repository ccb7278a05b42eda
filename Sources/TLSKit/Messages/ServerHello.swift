import NIOCore

/// RFC 8446, Section 4.1.3; also the HelloRetryRequest (Section 4.1.4), which is a
/// ServerHello whose `random` is `helloRetryRequestRandom`.
public struct ServerHello: Hashable, Sendable {
    public var legacyVersion: ProtocolVersion
    /// Exactly 32 bytes.
    public var random: [UInt8]
    /// `legacy_session_id_echo<0..32>`.
    public var legacySessionIDEcho: [UInt8]
    public var cipherSuite: CipherSuite
    public var legacyCompressionMethod: UInt8
    /// Decoded in the ServerHello or HelloRetryRequest context, by `random`.
    public var extensions: [TLSExtension]

    public init(
        legacyVersion: ProtocolVersion = .tls12,
        random: [UInt8],
        legacySessionIDEcho: [UInt8],
        cipherSuite: CipherSuite,
        legacyCompressionMethod: UInt8 = 0,
        extensions: [TLSExtension]
    ) {
        self.legacyVersion = legacyVersion
        self.random = random
        self.legacySessionIDEcho = legacySessionIDEcho
        self.cipherSuite = cipherSuite
        self.legacyCompressionMethod = legacyCompressionMethod
        self.extensions = extensions
    }

    /// SHA-256("HelloRetryRequest") (RFC 8446, Section 4.1.3).
    public static let helloRetryRequestRandom: [UInt8] = [
        0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
        0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C,
    ]

    public var isHelloRetryRequest: Bool { random == Self.helloRetryRequestRandom }

    func encodeBody(into buffer: inout ByteBuffer) {
        buffer.writeInteger(legacyVersion.rawValue)
        buffer.writeBytes(random)
        buffer.writeTLSVector8 { $0.writeBytes(legacySessionIDEcho) }
        buffer.writeInteger(cipherSuite.rawValue)
        buffer.writeInteger(legacyCompressionMethod)
        if !extensions.isEmpty {
            TLSExtension.encodeBlock(extensions, into: &buffer)
        }
    }

    static func decodeBody(_ buffer: inout ByteBuffer) throws -> ServerHello {
        let legacyVersion = ProtocolVersion(rawValue: try buffer.readTLSUInt16())
        let random = try buffer.readTLSBytes(count: 32, "ServerHello.random")
        let sessionID = try buffer.readTLSVectorBytes("legacy_session_id_echo", lengthBytes: 1, allowed: 0...32)
        let suite = CipherSuite(rawValue: try buffer.readTLSUInt16())
        let compression = try buffer.readTLSUInt8()
        let context: ExtensionContext = random == helloRetryRequestRandom ? .helloRetryRequest : .serverHello
        let extensions = buffer.readableBytes == 0 ? [] : try TLSExtension.decodeBlock(&buffer, context: context)
        return ServerHello(
            legacyVersion: legacyVersion, random: random, legacySessionIDEcho: sessionID,
            cipherSuite: suite, legacyCompressionMethod: compression, extensions: extensions)
    }
}
