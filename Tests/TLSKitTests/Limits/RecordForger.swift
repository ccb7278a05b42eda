import NIOCore
import Testing
@testable import TLSKit

/// Seals records as a connection's next records would be sealed, from a copy of its write
/// keys: for sending what the real connection never would (empty records, floods of alerts or
/// handshake messages) in sequence after what it sent.
struct RecordForger {
    private var protection: RecordProtection

    init(continuing connection: TLSConnection) throws {
        protection = try #require(connection.recordLayer.writeProtection)
    }

    /// The records, protected and framed, in order.
    mutating func seal(_ records: [(ContentType, [UInt8])]) throws -> ByteBuffer {
        var output = ByteBuffer()
        for (type, content) in records {
            try protection.seal(contentType: type, plaintext: ByteBuffer(bytes: content), into: &output)
        }
        return output
    }
}
