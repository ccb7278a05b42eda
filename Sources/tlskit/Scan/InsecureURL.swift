import Foundation

/// A URL that would be fetched without TLS: an `http:` URL (or `ws:` for WebSockets), with
/// its host as the WHATWG URL Standard reads it (https://url.spec.whatwg.org): leading and
/// trailing spaces dropped, tabs and newlines inside removed, the scheme in any case, any
/// number of '/' or '\' after it, userinfo and port stripped.
struct InsecureURL: Hashable, Sendable {
    /// The URL as found (spaces trimmed).
    var text: String
    /// `http` or `ws`.
    var scheme: String
    /// The host, lowercased; an IPv6 literal keeps its brackets.
    var host: String

    /// The schemes that mean a connection without TLS.
    static let insecureSchemes = ["http", "ws"]

    /// nil when `url` is not an http:/ws: URL (https:, relative, data:, protocol-relative, ...).
    init?(_ url: String, schemes: [String] = InsecureURL.insecureSchemes) {
        let text = url.trimmingCharacters(in: [" ", "\t", "\n", "\r", "\u{0C}"])
        let cleaned = String(text.unicodeScalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }.prefix(8192))
        guard let colon = cleaned.firstIndex(of: ":") else { return nil }
        let scheme = cleaned[..<colon].lowercased()
        guard schemes.contains(scheme) else { return nil }
        var rest = cleaned[cleaned.index(after: colon)...]
        while let first = rest.first, first == "/" || first == "\\" { rest.removeFirst() }
        let authority = rest.prefix { $0 != "/" && $0 != "\\" && $0 != "?" && $0 != "#" }
        var host = authority
        if let at = host.lastIndex(of: "@") {
            host = host[host.index(after: at)...]
        }
        if host.hasPrefix("[") {
            if let close = host.firstIndex(of: "]") {
                host = host[...close]
            }
        } else if let portColon = host.lastIndex(of: ":") {
            host = host[..<portColon]
        }
        self.text = text
        self.scheme = scheme
        self.host = host.lowercased()
    }

    /// Whether the host is an IPv4 or IPv6 address literal. Mixed content whose host is one
    /// is never upgraded to https (W3C Mixed Content, Section 4.1, "Upgrade a mixed content
    /// request to a potentially trustworthy URL, if appropriate"), since no certificate
    /// names it in the usual case.
    var hasIPAddressHost: Bool {
        if self.host.hasPrefix("[") { return true }
        return Self.endsInANumber(self.host)
    }

    /// The URL Standard's "ends in a number" test (Section 3.5): a host whose last label is
    /// decimal digits or `0x` hexadecimal is parsed as IPv4 (`127.1`, `0x7f000001` included).
    static func endsInANumber(_ host: String) -> Bool {
        var labels = host.split(separator: ".", omittingEmptySubsequences: false)
        if labels.last == "" {
            guard labels.count > 1 else { return false }
            labels.removeLast()
        }
        guard let last = labels.last, !last.isEmpty else { return false }
        if last.allSatisfy({ $0 >= "0" && $0 <= "9" }) { return true }
        if last.hasPrefix("0x") || last.hasPrefix("0X") {
            return last.dropFirst(2).allSatisfy(\.isHexDigit)
        }
        return false
    }
}
