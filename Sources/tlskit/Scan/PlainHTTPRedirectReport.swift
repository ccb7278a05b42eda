import Foundation

/// The plain HTTP part of the hygiene report.
///
/// JSON keys: `port`, `verdict`, `statusCode`, `location`, `locationPort`, `hstsHeaderOverHTTP`,
/// `error` (null when not applicable).
struct PlainHTTPRedirectReport: Codable, Hashable, Sendable {
    var port: Int
    var verdict: PlainHTTPRedirectVerdict
    var statusCode: Int?
    var location: String?
    /// The port of an https:// Location (443 when it names none).
    var locationPort: Int?
    /// The plain response carried Strict-Transport-Security, which browsers ignore over
    /// plain HTTP (RFC 6797, Section 8.1).
    var hstsHeaderOverHTTP = false
    var error: String?

    /// Whether this is what the guidelines ask for.
    var isRecommended: Bool { self.verdict == .permanentRedirectToHTTPS }

    /// The verdict for a response `head` to a request for `serverName`.
    static func evaluate(_ head: ParsedHTTPResponseHead, port: Int, serverName: String) -> PlainHTTPRedirectReport {
        var report = PlainHTTPRedirectReport(port: port, verdict: .noRedirect, statusCode: head.statusCode)
        report.hstsHeaderOverHTTP = !head.values(named: "Strict-Transport-Security").isEmpty
        let permanent = [301, 308].contains(head.statusCode)
        let temporary = [302, 303, 307].contains(head.statusCode)
        guard permanent || temporary else { return report }
        guard let location = head.value(named: "Location"), !location.isEmpty else {
            report.verdict = .redirectWithoutLocation
            return report
        }
        report.location = location
        guard let target = Self.httpsTarget(location) else {
            report.verdict = InsecureURL(location, schemes: ["http"]) != nil || !location.lowercased().hasPrefix("https:")
                ? .redirectToPlainHTTP : .redirectWithoutLocation
            return report
        }
        report.locationPort = target.port
        guard Self.normalized(target.host) == Self.normalized(serverName) else {
            report.verdict = .redirectToOtherHost
            return report
        }
        report.verdict = permanent ? .permanentRedirectToHTTPS : .temporaryRedirectToHTTPS
        return report
    }

    /// Host and port of an absolute https:// URL (`https://[::1]:8443/x`), nil for anything else.
    static func httpsTarget(_ location: String) -> (host: String, port: Int)? {
        let text = location.trimmingCharacters(in: .whitespaces)
        guard text.lowercased().hasPrefix("https://") else { return nil }
        let authority = text.dropFirst(8).prefix { $0 != "/" && $0 != "?" && $0 != "#" && $0 != "\\" }
        var hostPort = authority
        if let at = hostPort.lastIndex(of: "@") { hostPort = hostPort[hostPort.index(after: at)...] }
        guard !hostPort.isEmpty, let parsed = try? HostPort(parsing: String(hostPort), defaultPort: 443) else { return nil }
        return (parsed.host, parsed.port)
    }

    /// Lowercased, without brackets and a trailing dot, for comparing hosts.
    private static func normalized(_ host: String) -> String {
        var host = host.lowercased()
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.hasSuffix(".") { host.removeLast() }
        return host
    }
    /// Every key is written, absent values as null, so `--json` output always has the same keys.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.port, forKey: .port)
        try container.encode(self.verdict, forKey: .verdict)
        try container.encode(self.statusCode, forKey: .statusCode)
        try container.encode(self.location, forKey: .location)
        try container.encode(self.locationPort, forKey: .locationPort)
        try container.encode(self.hstsHeaderOverHTTP, forKey: .hstsHeaderOverHTTP)
        try container.encode(self.error, forKey: .error)
    }
}
