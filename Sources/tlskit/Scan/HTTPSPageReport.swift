/// The HTTPS fetch part of the hygiene report.
///
/// JSON keys: `port`, `statusCode`, `reasonPhrase`, `contentType`, `location`, `bodyBytes`, `bodyEnd`,
/// `protocolVersion`, `closedWithoutCloseNotify`, `timedOut`, `error` (null when not applicable).
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
    /// Every key is written, absent values as null, so `--json` output always has the same keys.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.port, forKey: .port)
        try container.encode(self.statusCode, forKey: .statusCode)
        try container.encode(self.reasonPhrase, forKey: .reasonPhrase)
        try container.encode(self.contentType, forKey: .contentType)
        try container.encode(self.location, forKey: .location)
        try container.encode(self.bodyBytes, forKey: .bodyBytes)
        try container.encode(self.bodyEnd, forKey: .bodyEnd)
        try container.encode(self.protocolVersion, forKey: .protocolVersion)
        try container.encode(self.closedWithoutCloseNotify, forKey: .closedWithoutCloseNotify)
        try container.encode(self.timedOut, forKey: .timedOut)
        try container.encode(self.error, forKey: .error)
    }
}
