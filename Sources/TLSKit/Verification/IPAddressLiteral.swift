/// Recognises IP address literals, which are never sent as SNI (RFC 6066, Section 3) and are
/// matched against IP address SANs instead of DNS names.
public enum IPAddressLiteral {
    /// Whether `text` is a dotted-quad IPv4 address or an IPv6 address (optionally in brackets).
    public static func isLiteral(_ text: String) -> Bool {
        isIPv4(text) || isIPv6(text)
    }

    static func isIPv4(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        return parts.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isASCII) && part.allSatisfy(\.isNumber)
                && (Int(part) ?? 256) <= 255
        }
    }

    static func isIPv6(_ text: String) -> Bool {
        var body = Substring(text)
        if body.hasPrefix("[") && body.hasSuffix("]") { body = body.dropFirst().dropLast() }
        guard body.contains(":"), body.count <= 45 else { return false }
        return body.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
    }
}
