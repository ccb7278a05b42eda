import ArgumentParser

extension HostPort {
    /// The `HOST[:PORT]` argument of `tlskit client`, `explain` and `scan`; a malformed one is
    /// a usage error.
    init(argument: String) throws(ValidationError) {
        do {
            try self.init(parsing: argument)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
