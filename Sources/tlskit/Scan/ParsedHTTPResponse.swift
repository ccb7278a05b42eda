/// A parsed HTTP/1.x response: the head, the decoded body (at most the body limit) and how
/// reading the body ended.
struct ParsedHTTPResponse: Hashable, Sendable {
    var head: ParsedHTTPResponseHead
    /// The body with any chunked framing removed; no content coding is undone (none is asked for).
    var body: [UInt8]
    var bodyEnd: HTTPBodyEnd
}
