import NIOCore

/// Bounds-checked readers and writers for the TLS presentation language (RFC 8446, Section 3).
///
/// Every reader throws `DecodeError` instead of returning `nil`, so a short or malformed
/// message becomes a `decode_error` alert rather than a crash.
extension ByteBuffer {
    mutating func readTLSUInt8() throws -> UInt8 {
        guard let value = readInteger(as: UInt8.self) else { throw DecodeError.truncated("uint8") }
        return value
    }

    mutating func readTLSUInt16() throws -> UInt16 {
        guard let value = readInteger(as: UInt16.self) else { throw DecodeError.truncated("uint16") }
        return value
    }

    mutating func readTLSUInt24() throws -> UInt32 {
        guard let high = readInteger(as: UInt8.self), let low = readInteger(as: UInt16.self) else {
            throw DecodeError.truncated("uint24")
        }
        return UInt32(high) << 16 | UInt32(low)
    }

    mutating func readTLSUInt32() throws -> UInt32 {
        guard let value = readInteger(as: UInt32.self) else { throw DecodeError.truncated("uint32") }
        return value
    }

    /// Reads exactly `count` bytes as a slice of this buffer (no copy).
    mutating func readTLSSlice(count: Int, _ what: StaticString = "field") throws -> ByteBuffer {
        guard count >= 0, let slice = readSlice(length: count) else { throw DecodeError.truncated(what.description) }
        return slice
    }

    /// Reads exactly `count` bytes into an array.
    mutating func readTLSBytes(count: Int, _ what: StaticString = "field") throws -> [UInt8] {
        guard count >= 0, let bytes = readBytes(length: count) else { throw DecodeError.truncated(what.description) }
        return bytes
    }

    /// Reads a vector with a 1-byte length prefix, checking `allowed` (RFC 8446, Section 3.4).
    mutating func readTLSVector8(
        _ what: StaticString, allowed: ClosedRange<Int> = 0...0xFF
    ) throws -> ByteBuffer {
        let length = Int(try readTLSUInt8())
        guard allowed.contains(length) else { throw DecodeError.lengthOutOfRange(what.description, length) }
        return try readTLSSlice(count: length, what)
    }

    /// Reads a vector with a 2-byte length prefix, checking `allowed`.
    mutating func readTLSVector16(
        _ what: StaticString, allowed: ClosedRange<Int> = 0...0xFFFF
    ) throws -> ByteBuffer {
        let length = Int(try readTLSUInt16())
        guard allowed.contains(length) else { throw DecodeError.lengthOutOfRange(what.description, length) }
        return try readTLSSlice(count: length, what)
    }

    /// Reads a vector with a 3-byte length prefix, checking `allowed`.
    mutating func readTLSVector24(
        _ what: StaticString, allowed: ClosedRange<Int> = 0...0xFF_FFFF
    ) throws -> ByteBuffer {
        let length = Int(try readTLSUInt24())
        guard allowed.contains(length) else { throw DecodeError.lengthOutOfRange(what.description, length) }
        return try readTLSSlice(count: length, what)
    }

    /// Throws `DecodeError.trailingBytes` unless everything has been read.
    func expectFullyRead(_ what: StaticString) throws {
        guard readableBytes == 0 else { throw DecodeError.trailingBytes(what.description, readableBytes) }
    }

    mutating func writeTLSUInt24(_ value: Int) {
        writeInteger(UInt8(truncatingIfNeeded: value >> 16))
        writeInteger(UInt16(truncatingIfNeeded: value))
    }

    /// Writes a vector with an `N`-byte length prefix (1, 2 or 3), filled in by `body`.
    ///
    /// The caller's encoders only produce what they built themselves, so lengths are in range
    /// by construction; an overlong body is clamped by truncation only in a programming error.
    @discardableResult
    mutating func writeTLSVector(lengthBytes: Int, _ body: (inout ByteBuffer) -> Void) -> Int {
        let lengthIndex = writerIndex
        writeRepeatingByte(0, count: lengthBytes)
        let start = writerIndex
        body(&self)
        let length = writerIndex - start
        switch lengthBytes {
        case 1: setInteger(UInt8(truncatingIfNeeded: length), at: lengthIndex)
        case 2: setInteger(UInt16(truncatingIfNeeded: length), at: lengthIndex)
        default:
            setInteger(UInt8(truncatingIfNeeded: length >> 16), at: lengthIndex)
            setInteger(UInt16(truncatingIfNeeded: length), at: lengthIndex + 1)
        }
        return length
    }

    mutating func writeTLSVector8(_ body: (inout ByteBuffer) -> Void) { writeTLSVector(lengthBytes: 1, body) }
    mutating func writeTLSVector16(_ body: (inout ByteBuffer) -> Void) { writeTLSVector(lengthBytes: 2, body) }
    mutating func writeTLSVector24(_ body: (inout ByteBuffer) -> Void) { writeTLSVector(lengthBytes: 3, body) }
}
