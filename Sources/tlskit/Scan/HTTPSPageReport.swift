/// The HTTPS fetch part of the hygiene report.
///
/// JSON keys: `statusCode`, `reasonPhrase`, `contentType`, `location`, `bodyBytes`, `bodyEnd`,
/// `protocolVersion`, `closedWithoutCloseNotify`, `timedOut`, `error` (absent when not applicable).
struct HTTPSPageReport: Codable, Hashable, Sendable {
    var port: Int
    var statusCode: Int?
    var reasonPhrase: String?
    var contentType: String?
    /// Where a redirect over HTTPS points; the page itself was not followed.
    var location: String?
    /// The body bytes read (at most the body limit).
    var bodyBytes = 0
    var bodyEnd: HTTPBodyEnd?
    /// `TLS 1.3`, as negotiated.
    var protocolVersion: String?
    var closedWithoutCloseNotify = false
    var timedOut = false
    var error: String?
}
