import ArgumentParser
import NIOCore
import TLSKit

/// How `tlskit client` and `tlskit explain` connect: the server name, what to offer (versions,
/// suites, groups, ALPN), whom to trust, the client certificate, the key log and the timeout.
struct ClientConnectionOptions: ParsableArguments {
    @Option(
        name: .customLong("servername"),
        help: ArgumentHelp(
            "The name to send as SNI and verify the certificate for.",
            discussion: "Defaults to HOST. When HOST is an IP address, the certificate must cover that address and no SNI is sent.",
            valueName: "NAME"))
    var serverName: String?

    @Option(help: ArgumentHelp("ALPN protocols to offer, most preferred first, comma separated.", valueName: "h2,http/1.1"))
    var alpn: String?

    @Option(
        name: .customLong("cafile"),
        help: ArgumentHelp("Trust only the root certificates in this PEM file (default: the system trust store).", valueName: "PEM"))
    var caFile: String?

    @Option(
        help: ArgumentHelp(
            "Key exchange groups, most preferred first, separated by ':' or ','.",
            discussion: "Key shares are sent for the first group, and also for X25519 when the first is X25519MLKEM768 and X25519 is listed. Supported: X25519MLKEM768, X25519, P-256, P-384.",
            valueName: "X25519MLKEM768:X25519:P-256"))
    var groups: String?

    @OptionGroup(title: "Protocol versions and cipher suites")
    var protocolOptions: ProtocolVersionOptions

    @Flag(help: "Do NOT verify the server's certificate (development only; anyone on the path can impersonate the server).")
    var insecure = false

    @Option(
        help: ArgumentHelp(
            "Append the connection's secrets to FILE in the NSS key log format, for Wireshark (default: $SSLKEYLOGFILE).",
            discussion: "Anyone with this file can decrypt the connection; for debugging only.",
            valueName: "FILE"))
    var keylog: String?

    @Option(help: ArgumentHelp("Give up when the TCP connection, or then the TLS handshake, takes longer than this.", valueName: "SECONDS"))
    var timeout = 30

    /// `--timeout` for `TLSClient.connect`.
    var handshakeTimeout: TimeAmount { .seconds(Int64(self.timeout)) }

    @Option(
        name: .customLong("cert"),
        help: ArgumentHelp("A PEM client certificate chain (leaf first) to present when the server asks (mutual TLS).", valueName: "FILE"))
    var clientCertificate: String?

    @Option(
        name: .customLong("key"),
        help: ArgumentHelp("The PEM private key of --cert.", valueName: "FILE"))
    var clientKey: String?

    func validate() throws {
        if (self.clientCertificate == nil) != (self.clientKey == nil) {
            throw ValidationError("--cert and --key go together")
        }
        if self.insecure && self.caFile != nil {
            throw ValidationError("--insecure and --cafile exclude each other")
        }
        guard (1...3600).contains(self.timeout) else { throw ValidationError("--timeout must be between 1 and 3600 seconds") }
    }

    /// The configuration the options ask for, with `verifier` deciding about certificates.
    func makeProtocolConfiguration(verifier: any CertificateVerifier, defaultApplicationProtocols: [String] = []) throws -> TLSClientConfiguration {
        var configuration = TLSClientConfiguration(certificateVerifier: verifier)
        if let groups = self.groups {
            let selection = try AlgorithmNames.groups(groups)
            configuration.supportedGroups = selection.supportedGroups
            configuration.keyShareGroups = selection.keyShareGroups
        }
        try self.protocolOptions.apply(to: &configuration.settings)
        if let alpn = self.alpn {
            configuration.applicationProtocols = try AlgorithmNames.applicationProtocols(alpn)
        } else if !defaultApplicationProtocols.isEmpty {
            configuration.applicationProtocols = defaultApplicationProtocols
        }
        return configuration
    }

    /// The certificate and key of `--cert` and `--key`, if given.
    func loadClientIdentity() throws -> TLSCertificateIdentity? {
        guard let certificate = self.clientCertificate, let key = self.clientKey else { return nil }
        return try TLSCertificateIdentity(certificatePEMFile: certificate, privateKeyPEMFile: key)
    }

    /// The system trust store, the roots of `--cafile`, or nothing at all with `--insecure`.
    func makeVerifier() throws -> any CertificateVerifier {
        if self.insecure {
            return InsecureAcceptAnyCertificateVerifier()
        }
        if let caFile = self.caFile {
            return DefaultCertificateVerifier(trustRoots: try TrustRoots.pemFile(path: caFile))
        }
        return DefaultCertificateVerifier(trustRoots: .system)
    }

    /// What the verifier trusts, in words: `the system trust store`, `the roots in ca.pem`.
    var trustSource: String {
        if self.insecure { return "nobody (--insecure)" }
        if let caFile = self.caFile { return "the roots in \(caFile)" }
        return "the system trust store"
    }
}
