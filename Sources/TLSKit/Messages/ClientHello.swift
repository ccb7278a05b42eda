import NIOCore

/// RFC 8446, Section 4.1.2.
public struct ClientHello: Hashable, Sendable {
    /// `.tls12` in a TLS 1.3 ClientHello; the real versions are in `supported_versions`.
    public var legacyVersion: ProtocolVersion
    /// Exactly 32 bytes.
    public var random: [UInt8]
    /// `legacy_session_id<0..32>`.
    public var legacySessionID: [UInt8]
    /// `cipher_suites<2..2^16-2>`.
    public var cipherSuites: [CipherSuite]
    /// `legacy_compression_methods<1..2^8-1>`; `[0]` in TLS 1.3.
    public var legacyCompressionMethods: [UInt8]
    /// Empty when the block is absent (a TLS 1.2-style hello); an empty list is encoded by
    /// leaving the block out.
    public var extensions: [TLSExtension]

    public init(
        legacyVersion: ProtocolVersion = .tls12,
        random: [UInt8],
        legacySessionID: [UInt8],
        cipherSuites: [CipherSuite],
        legacyCompressionMethods: [UInt8] = [0],
        extensions: [TLSExtension]
    ) {
        self.legacyVersion = legacyVersion
        self.random = random
        self.legacySessionID = legacySessionID
        self.cipherSuites = cipherSuites
        self.legacyCompressionMethods = legacyCompressionMethods
        self.extensions = extensions
    }

    func encodeBody(into buffer: inout ByteBuffer) {
        buffer.writeInteger(legacyVersion.rawValue)
        buffer.writeBytes(random)
        buffer.writeTLSVector8 { $0.writeBytes(legacySessionID) }
        buffer.writeTLSVector16 { for suite in cipherSuites { $0.writeInteger(suite.rawValue) } }
        buffer.writeTLSVector8 { $0.writeBytes(legacyCompressionMethods) }
        if !extensions.isEmpty {
            TLSExtension.encodeBlock(extensions, into: &buffer)
        }
    }

    static func decodeBody(_ buffer: inout ByteBuffer) throws -> ClientHello {
        let legacyVersion = ProtocolVersion(rawValue: try buffer.readTLSUInt16())
        let random = try buffer.readTLSBytes(count: 32, "ClientHello.random")
        let sessionID = try buffer.readTLSVectorBytes("legacy_session_id", lengthBytes: 1, allowed: 0...32)
        let suites = try buffer.readTLSUInt16List("cipher_suites", allowed: 2...0xFFFE)
        let compression = try buffer.readTLSVectorBytes("legacy_compression_methods", lengthBytes: 1, allowed: 1...255)
        let extensions =
            buffer.readableBytes == 0 ? [] : try TLSExtension.decodeBlock(&buffer, context: .clientHello)
        return ClientHello(
            legacyVersion: legacyVersion, random: random, legacySessionID: sessionID,
            cipherSuites: suites.map(CipherSuite.init(rawValue:)),
            legacyCompressionMethods: compression, extensions: extensions)
    }
}
