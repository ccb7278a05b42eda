/// Builds the `Location` of the `301 Moved Permanently` the plain HTTP listener answers with:
/// `https://HOST[:PORT]/path`, HOST from the request's Host header without its port
/// (RFC 9110, Section 7.2), PORT the HTTPS port (left out when it is 443).
enum HTTPSRedirectLocation {
    /// - Parameters:
    ///   - hostHeader: The request's Host header, if any (`example.com:8080`, `[::1]:8080`).
    ///   - target: The request target; only an origin-form path (`/a?b`) is kept, anything else becomes `/`.
    ///   - httpsPort: The port the HTTPS listener uses.
    ///   - fallbackHost: Used when the Host header is missing or not a plain host name or address.
    static func make(hostHeader: String?, target: String, httpsPort: Int, fallbackHost: String) -> String {
        let host = hostHeader.flatMap(Self.host(fromHostHeader:)) ?? Self.hostForURL(fallbackHost)
        let port = httpsPort == 443 ? "" : ":\(httpsPort)"
        let path = Self.isSafeOriginForm(target) ? target : "/"
        return "https://\(host)\(port)\(path)"
    }

    /// The host of a Host header without its port; nil when it is not a DNS name, an IPv4
    /// address or a bracketed IPv6 address (nothing that could inject into the Location).
    static func host(fromHostHeader header: String) -> String? {
        let value = header.trimmingWhitespace()
        guard !value.isEmpty, value.utf8.count <= 255 else { return nil }
        if value.hasPrefix("[") {
            guard let close = value.firstIndex(of: "]") else { return nil }
            let inside = value[value.index(after: value.startIndex)..<close]
            let rest = value[value.index(after: close)...]
            guard !inside.isEmpty, inside.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return nil }
            guard rest.isEmpty || (rest.first == ":" && rest.dropFirst().allSatisfy(\.isASCIIDigit)) else { return nil }
            return "[\(inside)]"
        }
        var host = Substring(value)
        if let colon = value.firstIndex(of: ":") {
            guard value[value.index(after: colon)...].allSatisfy(\.isASCIIDigit) else { return nil }
            host = value[..<colon]
        }
        guard !host.isEmpty,
              host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") })
        else { return nil }
        return String(host).lowercased()
    }

    /// An IPv6 address literal in brackets, anything else unchanged.
    static func hostForURL(_ host: String) -> String {
        host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    }

    /// An origin-form target (RFC 9112, Section 3.2.1) of visible ASCII only.
    static func isSafeOriginForm(_ target: String) -> Bool {
        target.hasPrefix("/") && !target.hasPrefix("//")
            && target.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F }
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        var result = Substring(self)
        while result.first?.isWhitespace == true { result.removeFirst() }
        while result.last?.isWhitespace == true { result.removeLast() }
        return String(result)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { self >= "0" && self <= "9" }
}
