/// Compares two byte strings in time that depends only on their lengths, not their contents.
///
/// For Finished values, PSK binders and other MACs (RFC 8446, Sections 4.4.4 and 4.2.11.2).
func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for index in a.indices {
        difference |= a[index] ^ b[index]
    }
    return difference == 0
}

/// 0xFF when `a == b` and 0x00 otherwise, computed without a branch on the values.
func constantTimeEqualMask(_ a: Int, _ b: Int) -> UInt8 {
    let difference = UInt64(truncatingIfNeeded: a ^ b)
    // The top bit of (d | -d) is set exactly when d != 0.
    let isDifferent = (difference | (0 &- difference)) >> 63
    return UInt8(truncatingIfNeeded: isDifferent) &- 1
}

/// `a` where `mask` is 0xFF, `b` where it is 0x00, byte by byte and without a branch on the
/// contents; `a` and `b` must have the same length (the result has the shorter one's).
/// For the RSA premaster secret fallback (RFC 5246, Section 7.4.7.1).
func constantTimeSelect(mask: UInt8, _ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
    let count = min(a.count, b.count)
    var result = [UInt8](repeating: 0, count: count)
    for index in 0..<count {
        result[index] = (a[index] & mask) | (b[index] & ~mask)
    }
    return result
}
