import NIOCore

/// One record as framed on the wire: TLSPlaintext or TLSCiphertext (RFC 8446, Section 5.1).
struct TLSRecord: Sendable, Hashable {
    var contentType: ContentType
    var legacyVersion: ProtocolVersion
    var fragment: ByteBuffer

    /// The record header length: type (1), legacy_record_version (2), length (2).
    static let headerLength = 5
    /// The largest TLSPlaintext fragment, and the largest TLSInnerPlaintext content: 2^14.
    static let maximumPlaintextLength = 1 << 14
    /// The largest TLSCiphertext fragment: 2^14 + 256.
    static let maximumCiphertextLength = (1 << 14) + 256
}
