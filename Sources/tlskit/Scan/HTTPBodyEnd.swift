/// How reading a response body ended.
enum HTTPBodyEnd: String, Codable, Hashable, Sendable {
    /// All of it arrived, as Content-Length or the last chunk said (RFC 9112, Section 6.3).
    case complete
    /// The body had no length and ended when the server closed the connection (RFC 9112,
    /// Section 6.3, rule 8); a truncation cannot be told from the end.
    case closeDelimited = "close-delimited"
    /// Reading stopped at the body limit; only the first part was examined.
    case limitReached = "limit-reached"
    /// The connection closed, or the timeout passed, before Content-Length bytes or the last
    /// chunk arrived.
    case truncated
    /// The chunked framing was malformed (RFC 9112, Section 7.1); the body is what came before.
    case malformedChunk = "malformed-chunk"
    /// Reading stopped after the head on purpose (the plain HTTP probe needs only the head).
    case notRead = "not-read"
}
