import ArgumentParser

/// The command-line options of the HTTPS-hygiene check, for `tlskit scan` to include:
///
/// ```swift
/// @OptionGroup(title: "HTTPS hygiene") var hygiene: HTTPSHygieneOptions
/// ...
/// if self.hygiene.enabled {
///     let report = await self.hygiene.makeCheck(host: host, httpsPort: port, serverName: name, timeout: .seconds(10)).run()
/// }
/// ```
struct HTTPSHygieneOptions: ParsableArguments {
    @Flag(
        name: .customLong("http"),
        help: "Also check the plain HTTP redirect, Strict-Transport-Security and the page's mixed content.")
    var enabled = false

    @Option(
        name: .customLong("http-port"),
        help: ArgumentHelp("The plain HTTP port probed for a redirect to HTTPS (with --http).", valueName: "PORT"))
    var httpPort = 80

    @Option(
        name: .customLong("http-path"),
        help: ArgumentHelp("The page requested over plain HTTP and HTTPS (with --http).", valueName: "PATH"))
    var path = "/"

    func validate() throws {
        guard (1...65535).contains(self.httpPort) else {
            throw ValidationError("--http-port must be between 1 and 65535")
        }
        if let problem = HTTPSHygieneCheck.problem(withPath: self.path) {
            throw ValidationError("--http-path: \(problem)")
        }
    }

    /// The check these options ask for, against `host` on `httpsPort`.
    func makeCheck(host: String, httpsPort: Int, serverName: String?, timeout: Duration) -> HTTPSHygieneCheck {
        HTTPSHygieneCheck(
            host: host, httpsPort: httpsPort, httpPort: self.httpPort, serverName: serverName, path: self.path, timeout: timeout)
    }
}
