import ArgumentParser

/// The `tlskit` command line tool: connect to, serve, explain and grade TLS.
@main
struct TLSKitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tlskit",
        abstract: "Connect to, serve and inspect TLS with TLSKit.",
        subcommands: [ClientCommand.self, ServerCommand.self, CertCommand.self]
    )
}
