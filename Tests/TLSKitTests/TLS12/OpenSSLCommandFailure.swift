/// An `openssl` command that exited with a status other than 0.
struct OpenSSLCommandFailure: Error, CustomStringConvertible {
    let arguments: [String]
    let status: Int32
    let output: String

    var description: String { "openssl \(arguments.joined(separator: " ")) exited with \(status): \(output)" }
}
