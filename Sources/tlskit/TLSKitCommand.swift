import ArgumentParser
import Foundation

/// The `tlskit` command line tool: connect to, serve, explain and grade TLS.
@main
struct TLSKitCommand: AsyncParsableCommand {
    /// The version `tlskit --version` prints.
    static let version = "0.2.0"

    static let configuration = CommandConfiguration(
        commandName: "tlskit",
        abstract: "Connect to, serve and inspect TLS with TLSKit.",
        version: version,
        subcommands: [ClientCommand.self, ServerCommand.self, CertCommand.self, ExplainCommand.self, ScanCommand.self]
    )

    /// Runs the command. Errors come out in one style: usage errors as ArgumentParser prints
    /// them (with the usage, exit status 64); every other error as one line
    /// `tlskit: error: ...` and exit status 1.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if error is ExitCode || error is CleanExit || exitCode(for: error) != .failure {
                exit(withError: error)
            }
            StandardStream.error.write("tlskit: error: \(ErrorDescription.describe(error))\n")
            Foundation.exit(ExitCode.failure.rawValue)
        }
    }
}
