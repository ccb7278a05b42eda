import ArgumentParser
import TLSKit

/// `--tls1_2`, `--tls1_3`, `--ciphersuites`, `--cipher` and `--legacy`, as `openssl s_client`
/// and `s_server` spell them; shared by `tlskit client` and `tlskit server`.
struct ProtocolVersionOptions: ParsableArguments {
    @Flag(name: .customLong("tls1_2"), help: "Speak only TLS 1.2.")
    var tls12Only = false

    @Flag(name: .customLong("tls1_3"), help: "Speak only TLS 1.3.")
    var tls13Only = false

    @Option(
        help: ArgumentHelp(
            "TLS 1.3 cipher suites, most preferred first, separated by ':' or ','.",
            valueName: "TLS_AES_128_GCM_SHA256:..."))
    var ciphersuites: String?

    @Option(
        help: ArgumentHelp(
            "TLS 1.2 cipher suites, most preferred first, separated by ':' or ',', by OpenSSL or IANA name.",
            discussion: "Supported: ECDHE-ECDSA-AES128-GCM-SHA256, ECDHE-RSA-AES128-GCM-SHA256, ECDHE-ECDSA-AES256-GCM-SHA384, ECDHE-RSA-AES256-GCM-SHA384, ECDHE-ECDSA-CHACHA20-POLY1305, ECDHE-RSA-CHACHA20-POLY1305; with --legacy also AES128-GCM-SHA256 and AES256-GCM-SHA384 (RSA key exchange).",
            valueName: "ECDHE-ECDSA-AES128-GCM-SHA256:..."))
    var cipher: String?

    @Flag(
        help: ArgumentHelp(
            "Also allow TLS 1.2 RSA key exchange (AES128-GCM-SHA256, AES256-GCM-SHA384), for old peers.",
            discussion: "RSA key exchange has no forward secrecy: whoever later obtains the server's private key can decrypt every recorded session."))
    var legacy = false

    func validate() throws {
        if self.tls12Only && self.tls13Only {
            throw ValidationError("--tls1_2 and --tls1_3 exclude each other; give neither to speak both")
        }
        if let list = self.ciphersuites { _ = try AlgorithmNames.cipherSuites(list) }
        if let list = self.cipher { _ = try AlgorithmNames.tls12CipherSuites(list) }
    }

    /// Applies the options to `settings`; without any, `settings` keeps its versions and suites.
    /// RSA key exchange suites in `--cipher` need `--legacy`, or settings that allow them
    /// already (`--profile legacy`).
    func apply(to settings: inout TLSProtocolSettings) throws {
        let allowsRSAKeyExchange = self.legacy || settings.cipherSuites.contains(where: CipherSuite.tls12RSAKeyExchangeSuites.contains)
        if self.tls12Only { settings.versions = [.tls12] }
        if self.tls13Only { settings.versions = [.tls13] }
        var tls13Suites = settings.cipherSuites.filter(CipherSuite.tls13Suites.contains)
        var tls12Suites = settings.cipherSuites.filter { !CipherSuite.tls13Suites.contains($0) }
        if let list = self.ciphersuites {
            tls13Suites = try AlgorithmNames.cipherSuites(list)
            guard tls13Suites.allSatisfy(CipherSuite.tls13Suites.contains) else {
                throw ValidationError("--ciphersuites takes TLS 1.3 suites (\(Self.names(CipherSuite.tls13Suites))); give TLS 1.2 suites with --cipher")
            }
        }
        if let list = self.cipher {
            tls12Suites = try AlgorithmNames.tls12CipherSuites(list)
            if !allowsRSAKeyExchange, let rsa = tls12Suites.first(where: CipherSuite.tls12RSAKeyExchangeSuites.contains) {
                throw ValidationError(
                    "\(rsa.opensslName ?? rsa.description) uses RSA key exchange, which has no forward secrecy; add --legacy to allow it")
            }
        } else if self.legacy {
            tls12Suites += CipherSuite.tls12RSAKeyExchangeSuites.filter { !tls12Suites.contains($0) }
        }
        settings.cipherSuites = tls13Suites + tls12Suites
        if self.tls12Only, tls12Suites.isEmpty {
            throw ValidationError("--tls1_2 with no TLS 1.2 cipher suite left; give some with --cipher")
        }
        if self.tls13Only, tls13Suites.isEmpty {
            throw ValidationError("--tls1_3 with no TLS 1.3 cipher suite left; give some with --ciphersuites")
        }
    }

    private static func names(_ suites: [CipherSuite]) -> String {
        suites.map { $0.opensslName ?? $0.description }.joined(separator: ", ")
    }
}
