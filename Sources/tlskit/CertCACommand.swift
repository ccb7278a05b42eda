import ArgumentParser
import TLSKit

/// `tlskit cert ca --out DIR`: a new self-signed root CA in `DIR/ca.pem` and `DIR/ca-key.pem`.
struct CertCACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ca",
        abstract: "Create a local certificate authority: DIR/ca.pem and DIR/ca-key.pem (0600).")

    @Option(help: ArgumentHelp("The directory to write to (created if missing).", valueName: "DIR"))
    var out: String

    @Option(help: "The CA's common name.")
    var name = "TLSKit Local CA"

    @Option(help: ArgumentHelp("ecdsa-p256, ecdsa-p384, rsa-2048, rsa-3072 or ed25519.", valueName: "TYPE"))
    var keyType: DevelopmentKeyType = .p256

    @Option(help: "How many days the CA is valid.")
    var days = 3650

    @Flag(help: "Replace an existing CA in DIR (certificates it issued will no longer verify against the new one).")
    var force = false

    func validate() throws {
        guard (1...36500).contains(self.days) else { throw ValidationError("--days must be between 1 and 36500") }
        guard !self.name.isEmpty, self.name.utf8.count <= 64 else { throw ValidationError("--name must be 1 to 64 bytes") }
    }

    func run() throws {
        let files = try self.write()
        print(files.certificate)
        print(files.key)
    }

    /// Creates and writes the CA; returns the paths written.
    func write() throws -> (certificate: String, key: String) {
        let certificate = CertificateFileNames.join(self.out, CertificateFileNames.caCertificate)
        let key = CertificateFileNames.join(self.out, CertificateFileNames.caKey)
        if !self.force && (PEMFileWriter.exists(certificate) || PEMFileWriter.exists(key)) {
            throw CommandFailure("\(self.out) already holds a CA; use --force to replace it")
        }
        try PEMFileWriter.makeDirectory(self.out, mode: 0o700)
        let authority = try LocalCertificateAuthority.create(name: self.name, keyType: self.keyType, days: self.days)
        try authority.save(certificateFile: certificate, keyFile: key)
        return (certificate, key)
    }
}
