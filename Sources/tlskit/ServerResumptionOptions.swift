import ArgumentParser
import TLSKit

/// `tlskit server`'s options for session tickets and 0-RTT (RFC 8446, Sections 4.6.1, 2.3).
struct ServerResumptionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Session tickets to send after each handshake (0: none, so no resumption).", valueName: "N"))
    var tickets = 2

    @Flag(
        name: .customLong("early-data"),
        help: ArgumentHelp(
            "Accept 0-RTT early data from clients resuming a session.",
            discussion: """
                Requests in early data are answered like any other. Early data MAY BE REPLAYED: a \
                ClientHello seen before is refused 0-RTT, but across server restarts or servers \
                only GET and HEAD are safe, and those are all this server answers.
                """))
    var earlyData = false

    @Option(help: ArgumentHelp("The most early data accepted per connection, with --early-data.", valueName: "BYTES"))
    var maxEarlyData: UInt32 = 16384

    func validate() throws {
        guard (0...16).contains(self.tickets) else { throw ValidationError("--tickets must be between 0 and 16") }
        guard self.maxEarlyData > 0 else { throw ValidationError("--max-early-data must be at least 1") }
    }

    /// Sets the ticket count and the early data limit.
    func apply(to configuration: inout TLSServerConfiguration) {
        configuration.ticketCount = self.tickets
        configuration.maxEarlyDataSize = self.earlyData ? self.maxEarlyData : 0
    }
}
