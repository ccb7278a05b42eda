/// The status line and header fields of an HTTP/1.x response (RFC 9112, Sections 4 and 5).
struct ParsedHTTPResponseHead: Hashable, Sendable {
    /// `HTTP/1.1` or `HTTP/1.0`, as sent.
    var version: String
    var statusCode: Int
    var reasonPhrase: String
    var headers: [HTTPHeaderField]

    /// The values of every field named `name` (compared case-insensitively), in order.
    func values(named name: String) -> [String] {
        let wanted = name.lowercased()
        return self.headers.filter { $0.name.lowercased() == wanted }.map(\.value)
    }

    /// The first value of the field named `name`, if any.
    func value(named name: String) -> String? {
        self.values(named: name).first
    }
}
