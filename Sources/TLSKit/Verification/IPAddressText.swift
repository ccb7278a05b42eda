/// Converts IP address literals to and from the octets an X.509 iPAddress name holds
/// (RFC 5280, Section 4.2.1.6: 4 octets for IPv4, 16 for IPv6), in Swift: the sans-I/O core
/// calls no C library. The text forms are those of `inet_pton` and `inet_ntop`: dotted-quad
/// IPv4 without leading zeros, IPv6 per RFC 4291, Section 2.2 (written back with the longest
/// run of zero groups as `::`, RFC 5952, Section 4, and the IPv4-mapped and -compatible forms
/// with a dotted quad).
enum IPAddressText {
    /// The octets of an IPv4 or IPv6 literal (`127.0.0.1`, `::1`, `[::1]`), or nil if `text` is none.
    static func octets(_ text: String) -> [UInt8]? {
        var literal = Substring(text)
        if literal.hasPrefix("["), literal.hasSuffix("]") {
            literal = literal.dropFirst().dropLast()
        }
        guard !literal.isEmpty, literal.utf8.count <= 64 else { return nil }
        let characters = Array(literal.utf8)
        return ipv4(characters[...]) ?? ipv6(characters)
    }

    /// The textual form of 4 or 16 octets, or a hex dump for any other length.
    static func text(_ octets: some Collection<UInt8>) -> String {
        let bytes = Array(octets)
        switch bytes.count {
        case 4:
            return bytes.map(String.init).joined(separator: ".")
        case 16:
            return ipv6Text(bytes)
        default:
            return bytes.map { String($0, radix: 16) }.joined()
        }
    }

    /// Four decimal octets of at most 255, each without a leading zero, separated by dots.
    private static func ipv4(_ characters: ArraySlice<UInt8>) -> [UInt8]? {
        var octets: [UInt8] = []
        var value = 0
        var digits = 0
        for character in characters {
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if digits > 0, value == 0 { return nil }
                value = value * 10 + Int(character - UInt8(ascii: "0"))
                digits += 1
                guard value <= 255 else { return nil }
            case UInt8(ascii: "."):
                guard digits > 0, octets.count < 3 else { return nil }
                octets.append(UInt8(value))
                value = 0
                digits = 0
            default:
                return nil
            }
        }
        guard digits > 0, octets.count == 3 else { return nil }
        octets.append(UInt8(value))
        return octets
    }

    /// Eight groups of up to four hex digits; one `::` stands for one or more zero groups, and
    /// the last 32 bits may be a dotted quad (RFC 4291, Section 2.2).
    private static func ipv6(_ characters: [UInt8]) -> [UInt8]? {
        var octets: [UInt8] = []
        octets.reserveCapacity(16)
        var compressionIndex: Int?
        var index = 0
        if characters.first == UInt8(ascii: ":") {
            // A leading colon must be the first of "::".
            guard characters.count > 1, characters[1] == UInt8(ascii: ":") else { return nil }
            index = 1
        }
        var tokenStart = index
        var value = 0
        var digits = 0
        while index < characters.count {
            let character = characters[index]
            index += 1
            if let digit = hexValue(character) {
                value = value << 4 | digit
                digits += 1
                guard digits <= 4 else { return nil }
                continue
            }
            if character == UInt8(ascii: ":") {
                tokenStart = index
                if digits == 0 {
                    guard compressionIndex == nil else { return nil }
                    compressionIndex = octets.count
                    continue
                }
                guard index < characters.count, octets.count + 2 <= 16 else { return nil }
                octets.append(UInt8(value >> 8))
                octets.append(UInt8(value & 0xFF))
                value = 0
                digits = 0
                continue
            }
            if character == UInt8(ascii: "."), octets.count + 4 <= 16,
               let quad = ipv4(characters[tokenStart...]) {
                octets += quad
                digits = 0
                break
            }
            return nil
        }
        if digits > 0 {
            guard octets.count + 2 <= 16 else { return nil }
            octets.append(UInt8(value >> 8))
            octets.append(UInt8(value & 0xFF))
        }
        if let compressionIndex {
            // "::" must stand for at least one group.
            guard octets.count < 16 else { return nil }
            octets.insert(contentsOf: [UInt8](repeating: 0, count: 16 - octets.count), at: compressionIndex)
        }
        return octets.count == 16 ? octets : nil
    }

    private static func hexValue(_ character: UInt8) -> Int? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(character - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(character - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(character - UInt8(ascii: "A")) + 10
        default: nil
        }
    }

    /// Lowercase hex groups without leading zeros, the first longest run of two or more zero
    /// groups as `::` (RFC 5952, Section 4), and `::a.b.c.d` / `::ffff:a.b.c.d` for
    /// IPv4-compatible and IPv4-mapped addresses.
    private static func ipv6Text(_ bytes: [UInt8]) -> String {
        let groups = (0..<8).map { UInt16(bytes[2 * $0]) << 8 | UInt16(bytes[2 * $0 + 1]) }
        var bestStart = -1
        var bestLength = 0
        var start = 0
        while start < 8 {
            guard groups[start] == 0 else {
                start += 1
                continue
            }
            var end = start
            while end < 8, groups[end] == 0 { end += 1 }
            if end - start >= 2, end - start > bestLength {
                bestStart = start
                bestLength = end - start
            }
            start = end
        }
        var text = ""
        for index in 0..<8 {
            if bestStart >= 0, index >= bestStart, index < bestStart + bestLength {
                if index == bestStart { text += ":" }
                continue
            }
            if index != 0 { text += ":" }
            if index == 6, bestStart == 0, bestLength == 6 || (bestLength == 5 && groups[5] == 0xFFFF) {
                text += bytes[12...].map(String.init).joined(separator: ".")
                return text
            }
            text += String(groups[index], radix: 16)
        }
        if bestStart >= 0, bestStart + bestLength == 8 { text += ":" }
        return text
    }
}
