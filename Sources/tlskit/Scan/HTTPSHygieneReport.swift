/// What `HTTPSHygieneCheck` found: the plain HTTP redirect, the HTTPS response, its
/// Strict-Transport-Security header and the page's mixed content; `lines` for the text report,
/// Codable for `--json`.
///
/// JSON keys: `host`, `serverName`, `httpsPort`, `path`, `plainHTTP` (see
/// `PlainHTTPRedirectReport`), `https` (see `HTTPSPageReport`), `hsts` (see
/// `StrictTransportSecurityReport`), `mixedContent` (see `MixedContentAnalysis`; null when
/// the page was not HTML or not fetched) and `mixedContentNote` (why it is null).
struct HTTPSHygieneReport: Codable, Hashable, Sendable {
    var host: String
    var serverName: String
    var httpsPort: Int
    var path: String
    var plainHTTP: PlainHTTPRedirectReport
    var https: HTTPSPageReport
    var hsts: StrictTransportSecurityReport
    var mixedContent: MixedContentAnalysis?
    var mixedContentNote: String?

    /// The report as text, one finding per line.
    var lines: [String] {
        var lines = ["HTTPS hygiene of \(HostPort(host: self.serverName, port: self.httpsPort).hostForURL) (\(HostPort(host: self.host, port: self.httpsPort))), path \(self.path)"]
        lines += self.plainHTTPLines
        lines += self.httpsLines
        lines += self.hstsLines
        lines += self.mixedContentLines
        return lines
    }

    private var plainHTTPLines: [String] {
        let plain = self.plainHTTP
        let status = plain.statusCode.map { "\($0)" } ?? ""
        let location = plain.location.map { " to \($0)" } ?? ""
        var lines: [String] = []
        switch plain.verdict {
        case .permanentRedirectToHTTPS:
            lines.append("Plain HTTP (port \(plain.port)): \(status)\(location): permanent redirect to HTTPS on the same host (good)")
            if let redirected = plain.locationPort, redirected != self.httpsPort {
                lines.append("  note: the redirect goes to port \(redirected), not the HTTPS port checked (\(self.httpsPort))")
            }
        case .temporaryRedirectToHTTPS:
            lines.append(
                "Plain HTTP (port \(plain.port)): \(status)\(location): temporary redirect; use 301 or 308 so browsers remember it")
        case .redirectToPlainHTTP:
            lines.append("Plain HTTP (port \(plain.port)): \(status)\(location): redirects to plain HTTP, not HTTPS; redirect to https://\(self.serverNameForURL)\(self.path)")
        case .redirectToOtherHost:
            lines.append(
                "Plain HTTP (port \(plain.port)): \(status)\(location): redirects to another host; redirect to https://\(self.serverNameForURL)/ first, so this host can set HSTS")
        case .redirectWithoutLocation:
            lines.append("Plain HTTP (port \(plain.port)): \(status) redirect without a usable https:// Location")
        case .noRedirect:
            lines.append("Plain HTTP (port \(plain.port)): \(status), no redirect: the site is served without TLS; answer with 301 to https://\(self.serverNameForURL)\(self.path)")
        case .noListener:
            lines.append("Plain HTTP (port \(plain.port)): no listener (\(plain.error ?? "connection refused")); acceptable, but users who type the bare name get an error instead of a redirect")
        case .failed:
            lines.append("Plain HTTP (port \(plain.port)): check failed: \(plain.error ?? "unknown error")")
        }
        if plain.hstsHeaderOverHTTP {
            lines.append("  note: Strict-Transport-Security sent over plain HTTP is ignored by browsers (RFC 6797, Section 8.1)")
        }
        return lines
    }

    private var httpsLines: [String] {
        let page = self.https
        guard let statusCode = page.statusCode else {
            return ["HTTPS (port \(page.port)): no response: \(page.error ?? "unknown error")"]
        }
        var text = "HTTPS (port \(page.port)): \(statusCode)"
        if let reason = page.reasonPhrase, !reason.isEmpty { text += " \(reason)" }
        if let contentType = page.contentType { text += ", \(contentType)" }
        text += ", \(page.bodyBytes) body bytes"
        if let version = page.protocolVersion { text += " (\(version))" }
        var lines = [text]
        if let location = page.location { lines.append("  redirects to \(location) (not followed)") }
        switch page.bodyEnd {
        case .limitReached: lines.append("  note: only the first \(page.bodyBytes) bytes of the body were examined")
        case .truncated: lines.append("  note: the body ended early (\(page.timedOut ? "timeout" : "connection closed")); the part received was examined")
        case .malformedChunk: lines.append("  note: the chunked body was malformed; the part before the error was examined")
        default: break
        }
        if page.bodyEnd == .closeDelimited && page.closedWithoutCloseNotify {
            lines.append("  note: the body ended with the connection, without close_notify; it may have been cut short (RFC 8446, Section 6.1)")
        }
        if let error = page.error { lines.append("  note: \(error)") }
        return lines
    }

    private var hstsLines: [String] {
        let hsts = self.hsts
        guard self.https.statusCode != nil else {
            return ["Strict-Transport-Security: not checked (no HTTPS response)"]
        }
        guard hsts.present, let value = hsts.value else {
            return ["Strict-Transport-Security: missing; send 'Strict-Transport-Security: max-age=63072000; includeSubDomains' (Mozilla recommends two years)"]
        }
        var lines = ["Strict-Transport-Security: \(value)"]
        if hsts.headerCount > 1 {
            lines.append("  note: \(hsts.headerCount) Strict-Transport-Security fields; browsers use only the first")
        }
        guard hsts.valid, let maxAge = hsts.maxAge else {
            lines.append("  invalid, so browsers ignore it: \(hsts.error ?? "unknown error")")
            return lines
        }
        func yes(_ value: Bool) -> String { value ? "yes" : "no" }
        if maxAge == 0 {
            lines.append("  max-age=0: tells browsers to forget HSTS for this host")
        } else {
            lines.append(
                "  max-age \(maxAge) s (\(maxAge / 86400) days): at least 6 months \(yes(hsts.atLeastSixMonths)), 1 year \(yes(hsts.atLeastOneYear)), 2 years (Mozilla's recommendation) \(yes(hsts.atLeastTwoYears))")
        }
        lines.append("  includeSubDomains \(yes(hsts.includeSubDomains)), preload \(yes(hsts.preload)), preload list eligible \(yes(hsts.preloadEligible))")
        if hsts.preload && !hsts.preloadEligible {
            lines.append("  note: preload needs max-age of at least 31536000 and includeSubDomains to be accepted (https://hstspreload.org)")
        }
        return lines
    }

    private var mixedContentLines: [String] {
        guard let analysis = self.mixedContent else {
            return ["Mixed content: not checked (\(self.mixedContentNote ?? "no page"))"]
        }
        var lines: [String] = []
        if analysis.findings.isEmpty {
            lines.append("Mixed content: none found")
        } else {
            lines.append(
                "Mixed content: \(analysis.findings.count + analysis.omittedFindings) (\(analysis.blockableCount) blockable, \(analysis.upgradableCount) upgradable\(analysis.omittedFindings > 0 ? ", \(analysis.omittedFindings) more not listed" : ""))")
            for finding in analysis.findings {
                let kind = finding.classification == .blockable ? "BLOCKABLE " : "UPGRADABLE"
                let why = finding.ipAddressHost ? " (IP address host: blocked, not upgraded)" : ""
                lines.append("  \(kind) \(finding.location) \(finding.url)\(why)")
            }
        }
        if analysis.upgradeInsecureRequests && !analysis.findings.isEmpty {
            lines.append("  note: the page's Content-Security-Policy has upgrade-insecure-requests: browsers fetch all of these over https instead (each fails unless its host serves it over https)")
        }
        if analysis.scanIncomplete {
            lines.append("  note: the page has more tags than are examined; the rest was not checked")
        }
        if !analysis.insecureLinks.isEmpty {
            lines.append("Links to http:// (navigation, not mixed content): \(analysis.insecureLinks.count + analysis.omittedLinks)")
            for link in analysis.insecureLinks {
                lines.append("  <\(link.element) \(link.attribute)> \(link.url)")
            }
        }
        return lines
    }

    private var serverNameForURL: String {
        HostPort(host: self.serverName, port: self.httpsPort).hostForURL + (self.httpsPort == 443 ? "" : ":\(self.httpsPort)")
    }
    /// Every key is written, absent values as null, so `--json` output always has the same keys.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.host, forKey: .host)
        try container.encode(self.serverName, forKey: .serverName)
        try container.encode(self.httpsPort, forKey: .httpsPort)
        try container.encode(self.path, forKey: .path)
        try container.encode(self.plainHTTP, forKey: .plainHTTP)
        try container.encode(self.https, forKey: .https)
        try container.encode(self.hsts, forKey: .hsts)
        try container.encode(self.mixedContent, forKey: .mixedContent)
        try container.encode(self.mixedContentNote, forKey: .mixedContentNote)
    }
}
