/// What the HTTPS file server serves and how it answers.
struct FileServerSettings: Sendable {
    /// Maps request targets to files under the root.
    var resolver: RequestPathResolver
    /// `Strict-Transport-Security: max-age=N` on every response (RFC 6797); 0 or nil sends none.
    var hstsMaxAge: Int?
    /// Adds `includeSubDomains` to the HSTS header (RFC 6797, Section 6.1.2).
    var hstsIncludeSubdomains = false
    /// Adds `preload`, asking to be listed in browsers' HSTS preload lists (hstspreload.org
    /// wants it with `includeSubDomains` and a max-age of at least a year).
    var hstsPreload = false
    /// Answer every request with the status page instead of files (like `openssl s_server -www`).
    var statusPage: Bool = false
    /// The size of the chunks a file is read and sent in.
    var chunkSize: Int = 64 * 1024

    /// The default HSTS lifetime: two years, as Mozilla's server-side TLS guidelines recommend.
    static let defaultHSTSMaxAge = 63_072_000
    /// The shortest max-age the HSTS preload list accepts: one year.
    static let minimumPreloadMaxAge = 31_536_000
    /// The ALPN protocols this server speaks (RFC 7301): HTTP/1.1, and HTTP/1.0, which the
    /// same handlers answer. It does not speak h2.
    static let servedApplicationProtocols = ["http/1.1", "http/1.0"]

    /// The Strict-Transport-Security header value, or nil when disabled.
    var hstsHeaderValue: String? {
        guard let hstsMaxAge, hstsMaxAge > 0 else { return nil }
        var value = "max-age=\(hstsMaxAge)"
        if self.hstsIncludeSubdomains { value += "; includeSubDomains" }
        if self.hstsPreload { value += "; preload" }
        return value
    }
}
