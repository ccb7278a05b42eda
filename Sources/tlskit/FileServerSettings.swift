/// What the HTTPS file server serves and how it answers.
struct FileServerSettings: Sendable {
    /// Maps request targets to files under the root.
    var resolver: RequestPathResolver
    /// `Strict-Transport-Security: max-age=N` on every response (RFC 6797); 0 or nil sends none.
    var hstsMaxAge: Int?
    /// Answer every request with the status page instead of files (like `openssl s_server -www`).
    var statusPage: Bool = false
    /// The size of the chunks a file is read and sent in.
    var chunkSize: Int = 64 * 1024

    /// The default HSTS lifetime: two years, as Mozilla's server-side TLS guidelines recommend.
    static let defaultHSTSMaxAge = 63_072_000

    /// The Strict-Transport-Security header value, or nil when disabled.
    var hstsHeaderValue: String? {
        guard let hstsMaxAge, hstsMaxAge > 0 else { return nil }
        return "max-age=\(hstsMaxAge)"
    }
}
