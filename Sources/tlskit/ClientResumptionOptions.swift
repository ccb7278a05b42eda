import ArgumentParser

/// `tlskit client`'s options for session resumption and 0-RTT (RFC 8446, Sections 2.2, 2.3).
struct ClientResumptionOptions: ParsableArguments {
    @Option(
        name: .customLong("sess-out"),
        help: ArgumentHelp(
            "Save the session the server sends (its newest ticket) to FILE, for --sess-in.",
            discussion: "The file lets anyone who reads it resume as this client; it is written readable by its owner only (0600).",
            valueName: "FILE"))
    var sessionOut: String?

    @Option(
        name: .customLong("sess-in"),
        help: ArgumentHelp(
            "Resume the session saved in FILE (by --sess-out); reports 'Reused' when the server accepts it, 'New' otherwise.",
            valueName: "FILE"))
    var sessionIn: String?

    @Option(
        name: .customLong("early-data"),
        help: ArgumentHelp(
            "Send the content of FILE as 0-RTT early data with the ClientHello (needs --sess-in or --reconnect).",
            discussion: """
                Early data MAY BE REPLAYED by an attacker: send only requests that are safe to repeat \
                (a GET). It goes as 0-RTT when the session allows that much; otherwise, and when the \
                server rejects it, it is sent normally right after the handshake.
                """,
            valueName: "FILE"))
    var earlyData: String?

    @Option(help: ArgumentHelp(
        "After the connection, reconnect N times resuming the session and report each handshake's kind (full or resumed).",
        discussion: "Each reconnection does the --http request again, if given, and sends the --early-data file again.",
        valueName: "N"))
    var reconnect = 0

    /// The most --early-data reads.
    static let maximumEarlyDataFileSize = 16 * 1024 * 1024

    func validate() throws {
        guard (0...100).contains(self.reconnect) else { throw ValidationError("--reconnect must be between 0 and 100") }
        if self.earlyData != nil && self.sessionIn == nil && self.reconnect == 0 {
            throw ValidationError("--early-data needs a session to resume: --sess-in FILE or --reconnect N")
        }
    }
}
