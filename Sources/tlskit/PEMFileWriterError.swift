/// A PEM file or its directory could not be written.
struct PEMFileWriterError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
