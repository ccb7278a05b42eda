/// The served root cannot be used.
struct RequestPathResolverError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
