/// A server reply a scan could not read (not TLS, a malformed or oversized message), with a
/// sentence saying what was wrong.
struct ScanProtocolError: Error, CustomStringConvertible, Equatable {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
