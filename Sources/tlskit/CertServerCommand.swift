import ArgumentParser

/// `tlskit cert server --ca DIR --out DIR --dns NAME --ip ADDRESS`: a serverAuth certificate.
struct CertServerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server",
        abstract: "Issue a server certificate (extended key usage serverAuth) signed by a local CA.",
        discussion: "Writes OUT/NAME.pem and OUT/NAME-key.pem (0600); NAME is --name, or 'server'.")

    @OptionGroup var options: CertLeafOptions

    @Option(help: "The file name and common name (default: 'server' for the files, the first DNS name or IP for the CN).")
    var name: String?

    func validate() throws {
        guard !self.options.dns.isEmpty || !self.options.ip.isEmpty else {
            throw ValidationError("a server certificate needs at least one --dns or --ip")
        }
    }

    func run() throws {
        let files = try self.write()
        print(files.certificate)
        print(files.key)
    }

    func write() throws -> (certificate: String, key: String) {
        try self.options.issue(purpose: .server, commonName: self.name, fileName: self.name ?? "server")
    }
}
