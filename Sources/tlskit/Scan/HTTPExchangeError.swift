/// Why an HTTP exchange of the hygiene check failed, in words for the report.
struct HTTPExchangeError: Error, Hashable, Sendable, CustomStringConvertible {
    var message: String

    init(_ message: String) {
        self.message = message
    }

    var description: String { self.message }
}
