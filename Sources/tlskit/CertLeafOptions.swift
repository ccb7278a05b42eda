import ArgumentParser
import TLSKit

/// Options shared by `tlskit cert server` and `tlskit cert client`.
struct CertLeafOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The CA directory made by 'tlskit cert ca' (ca.pem, ca-key.pem).", valueName: "DIR"))
    var ca: String

    @Option(help: ArgumentHelp("The directory to write to (created if missing).", valueName: "DIR"))
    var out: String

    @Option(help: ArgumentHelp("A DNS subject alternative name (repeatable).", valueName: "NAME"))
    var dns: [String] = []

    @Option(help: ArgumentHelp("An IP address subject alternative name (repeatable).", valueName: "ADDRESS"))
    var ip: [String] = []

    @Option(help: ArgumentHelp("ecdsa-p256, ecdsa-p384, rsa-2048, rsa-3072 or ed25519.", valueName: "TYPE"))
    var keyType: DevelopmentKeyType = .p256

    @Option(help: "How many days the certificate is valid.")
    var days = 90

    @Flag(help: "Replace existing files.")
    var force = false

    func validate() throws {
        guard (1...3650).contains(self.days) else { throw ValidationError("--days must be between 1 and 3650") }
        for name in self.dns {
            guard !name.isEmpty, name.utf8.count <= 253, name.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
                throw ValidationError("--dns '\(name)' is not a DNS name")
            }
        }
    }

    /// Issues the leaf and writes `OUT/NAME.pem` and `OUT/NAME-key.pem` (0600).
    func issue(purpose: LocalCertificateAuthority.LeafPurpose, commonName: String?, fileName: String) throws -> (certificate: String, key: String) {
        let authority = try LocalCertificateAuthority.load(
            certificateFile: CertificateFileNames.join(self.ca, CertificateFileNames.caCertificate),
            keyFile: CertificateFileNames.join(self.ca, CertificateFileNames.caKey))
        let files = CertificateFileNames.leaf(directory: self.out, name: fileName)
        if !self.force && (PEMFileWriter.exists(files.certificate) || PEMFileWriter.exists(files.key)) {
            throw CommandFailure("\(files.certificate) already exists; use --force to replace it")
        }
        let leaf = try authority.issue(
            purpose: purpose, commonName: commonName, dnsNames: self.dns, ipAddresses: self.ip, keyType: self.keyType,
            days: self.days)
        try PEMFileWriter.makeDirectory(self.out, mode: 0o755)
        try PEMFileWriter.write(leaf.privateKeyPEM, to: files.key, mode: PEMFileWriter.privateKeyMode)
        try PEMFileWriter.write(try leaf.certificatePEM(), to: files.certificate, mode: PEMFileWriter.certificateMode)
        return files
    }
}
