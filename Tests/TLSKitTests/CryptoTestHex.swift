/// Parses hex test vectors as printed in RFCs ("01 ab ..."); whitespace is ignored.
func rfcHex(_ text: String) -> [UInt8] {
    let digits = text.compactMap { $0.hexDigitValue }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(digits.count / 2)
    var index = 0
    while index + 1 < digits.count {
        bytes.append(UInt8(digits[index] << 4 | digits[index + 1]))
        index += 2
    }
    return bytes
}

extension Sequence where Element == UInt8 {
    /// Lower-case hex, for readable failure messages.
    var hexString: String { map { String(format: "%02x", $0) }.joined() }
}
