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
