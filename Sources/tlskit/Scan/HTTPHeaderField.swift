/// One header field of an HTTP response: the name as the server spelled it and the value
/// without surrounding whitespace (RFC 9110, Section 5).
struct HTTPHeaderField: Codable, Hashable, Sendable {
    var name: String
    var value: String
}
