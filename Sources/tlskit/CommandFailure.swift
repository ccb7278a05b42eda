/// A command that cannot go on, with a message that says why and what to do
/// ("./ca already holds a CA; use --force to replace it"). `TLSKitCommand.main` prints it as
/// `tlskit: error: MESSAGE` and exits with status 1.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }

    init(_ message: String) {
        self.message = message
    }
}
