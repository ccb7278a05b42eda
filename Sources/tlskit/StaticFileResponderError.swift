/// A file could not be sent as announced.
enum StaticFileResponderError: Error {
    /// The file became shorter than its Content-Length while it was sent.
    case fileChanged(path: String)
}
