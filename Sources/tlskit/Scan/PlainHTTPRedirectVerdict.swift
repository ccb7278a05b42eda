/// What the plain HTTP listener does with a request (Mozilla Web Security Guidelines,
/// "HTTP Redirections": redirect permanently to the same host over HTTPS first).
enum PlainHTTPRedirectVerdict: String, Codable, Hashable, Sendable {
    /// 301 or 308 to https:// on the same host: as recommended.
    case permanentRedirectToHTTPS = "permanent-redirect-to-https"
    /// 302, 303 or 307 to https:// on the same host: works, but browsers and caches do not
    /// remember it, so every plain visit takes the insecure round trip again.
    case temporaryRedirectToHTTPS = "temporary-redirect-to-https"
    /// A redirect whose Location is http:// (or relative, which stays on http://).
    case redirectToPlainHTTP = "redirect-to-http"
    /// A redirect to https:// on another host: the original host never gets to set HSTS.
    case redirectToOtherHost = "redirect-to-other-host"
    /// A 3xx without a usable Location.
    case redirectWithoutLocation = "redirect-without-location"
    /// The page (or an error page) is served over plain HTTP, with no redirect.
    case noRedirect = "no-redirect"
    /// Nothing listens on the plain HTTP port: acceptable, though users who type the bare
    /// host name then get an error instead of the site.
    case noListener = "no-listener"
    /// The probe failed otherwise (timeout, reset, not HTTP); see the error.
    case failed
}
