/// Recognises IP address literals, which are never sent as SNI (RFC 6066, Section 3) and are
/// matched against IP address SANs instead of DNS names.
public enum IPAddressLiteral {
    /// Whether `text` is a dotted-quad IPv4 address or an IPv6 address (optionally in brackets).
    public static func isLiteral(_ text: String) -> Bool {
        isIPv4(text) || isIPv6(text)
    }

    // Both checks read the UTF-8 bytes in place: they run for every connection's server name.

    static func isIPv4(_ text: String) -> Bool {
        var parts = 0
        var digits = 0
        var value = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                guard digits > 0 else { return false }
                parts += 1
                digits = 0
                value = 0
            } else if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                digits += 1
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                guard digits <= 3, value <= 255 else { return false }
            } else {
                return false
            }
        }
        return parts == 3 && digits > 0
    }

    static func isIPv6(_ text: String) -> Bool {
        var body = text.utf8[...]
        if body.first == UInt8(ascii: "["), body.last == UInt8(ascii: "]"), body.count >= 2 {
            body = body.dropFirst().dropLast()
        }
        guard body.count <= 45, body.contains(UInt8(ascii: ":")) else { return false }
        return body.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
                UInt8(ascii: "A")...UInt8(ascii: "F"), UInt8(ascii: ":"), UInt8(ascii: "."):
                true
            default: false
            }
        }
    }
}
