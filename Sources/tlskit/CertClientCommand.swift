import ArgumentParser

/// `tlskit cert client --ca DIR --out DIR --name alice`: a clientAuth certificate.
struct CertClientCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "client",
        abstract: "Issue a client certificate (extended key usage clientAuth) signed by a local CA.",
        discussion: "Writes OUT/NAME.pem and OUT/NAME-key.pem (0600).")

    @OptionGroup var options: CertLeafOptions

    @Option(help: "The client's common name, also the file name.")
    var name: String

    func validate() throws {
        guard !self.name.isEmpty, self.name.utf8.count <= 64 else { throw ValidationError("--name must be 1 to 64 bytes") }
    }

    func run() throws {
        let files = try self.write()
        print(files.certificate)
        print(files.key)
    }

    func write() throws -> (certificate: String, key: String) {
        try self.options.issue(purpose: .client, commonName: self.name, fileName: self.name)
    }
}
