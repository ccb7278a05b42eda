import NIOCore

/// Readers for the fixed-width lists that handshake messages and extensions carry.
extension ByteBuffer {
    /// Reads a `uint16` vector of 2-byte values (RFC 8446, Section 3.4); an odd length, or more
    /// than `TLSResourceLimits.maximumListEntries` values, is a decode error.
    mutating func readTLSUInt16List(
        _ what: StaticString, lengthBytes: Int = 2, allowed: ClosedRange<Int>
    ) throws -> [UInt16] {
        var vector =
            lengthBytes == 1
            ? try readTLSVector8(what, allowed: allowed) : try readTLSVector16(what, allowed: allowed)
        guard vector.readableBytes % 2 == 0 else {
            throw DecodeError.lengthOutOfRange(what.description, vector.readableBytes)
        }
        try TLSResourceLimits.checkListEntries(vector.readableBytes / 2, in: what.description)
        var values: [UInt16] = []
        values.reserveCapacity(vector.readableBytes / 2)
        while vector.readableBytes > 0 {
            values.append(try vector.readTLSUInt16())
        }
        return values
    }

    /// Reads a vector with a 1-, 2- or 3-byte length prefix into an array.
    mutating func readTLSVectorBytes(
        _ what: StaticString, lengthBytes: Int, allowed: ClosedRange<Int>
    ) throws -> [UInt8] {
        let vector: ByteBuffer
        switch lengthBytes {
        case 1: vector = try readTLSVector8(what, allowed: allowed)
        case 2: vector = try readTLSVector16(what, allowed: allowed)
        default: vector = try readTLSVector24(what, allowed: allowed)
        }
        return Array(vector.readableBytesView)
    }
}
