/// Why an HTTP response head could not be read.
struct HTTPResponseParseError: Error, Hashable, Sendable, CustomStringConvertible {
    var message: String

    init(_ message: String) {
        self.message = message
    }

    var description: String { self.message }
}
