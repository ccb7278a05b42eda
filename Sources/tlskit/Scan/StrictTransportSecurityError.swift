/// Why a Strict-Transport-Security header value is invalid; a browser ignores such a header
/// entirely (RFC 6797, Section 8.1).
struct StrictTransportSecurityError: Error, Hashable, Sendable, CustomStringConvertible {
    var message: String

    init(_ message: String) {
        self.message = message
    }

    var description: String { self.message }
}
