import ArgumentParser
import Foundation
import NIOCore
import TLSKit

/// `tlskit scan HOST[:PORT]`: which versions, cipher suites, groups and features a server
/// offers, what its certificate is worth, and how it grades against Mozilla's Server Side TLS
/// configurations, in the spirit of sslyze and SSL Labs.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan a TLS server: versions, cipher suites, groups, features, certificate and Mozilla grades.",
        discussion: """
            Versions (SSL 3.0 to TLS 1.3), cipher suites, groups and TLS 1.2 signature schemes are \
            found with hand-built ClientHellos, one connection each, so servers TLSKit's own client \
            would refuse (TLS 1.0 only, CBC suites, expired or self-signed certificates) are \
            described rather than rejected. Session resumption and the TLS 1.3 certificate chain \
            come from handshakes with TLSKit's client. A scan makes about a hundred connections, one after the other.

            With --http it also checks HTTPS hygiene: whether plain HTTP (port 80, or --http-port) \
            redirects permanently to https, the Strict-Transport-Security header, and mixed content \
            (http:// subresources, upgradable or blockable) in the page (--http-path, default /).

            The exit status is 0 when the scan ran, whatever it found, and 1 when the server could \
            not be reached at all.
            """
    )

    @Argument(help: "The server as HOST[:PORT]; the port defaults to 443. Write IPv6 addresses in brackets: [::1]:8443.")
    var address: String

    @Option(
        name: .customLong("servername"),
        help: ArgumentHelp(
            "The name to send as SNI and check the certificate for (default: HOST).",
            valueName: "NAME"))
    var serverName: String?

    @Option(
        name: .customLong("cafile"),
        help: ArgumentHelp("Judge the certificate against the roots in this PEM file (default: the system trust store).", valueName: "PEM"))
    var caFile: String?

    @Option(help: ArgumentHelp("Give up on one connection, or one reply, after this long.", valueName: "SECONDS"))
    var timeout = 10

    @Flag(help: "Print the report as JSON (stable keys) instead of text.")
    var json = false

    @OptionGroup(title: "HTTPS hygiene")
    var hygiene: HTTPSHygieneOptions

    func validate() throws {
        _ = try HostPort(argument: self.address)
        guard (1...600).contains(self.timeout) else { throw ValidationError("--timeout must be between 1 and 600 seconds") }
        if let name = self.serverName {
            // A DNS name is at most 253 characters (RFC 1035, Section 2.3.4); SNI carries ASCII only (RFC 6066, Section 3).
            guard (1...253).contains(name.utf8.count), name.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
                throw ValidationError("--servername must be a host name of 1 to 253 ASCII characters without spaces")
            }
        }
    }

    func run() async throws {
        let target = try HostPort(argument: self.address)
        let trustRoots: TrustRoots
        do {
            trustRoots = try self.caFile.map { try TrustRoots.pemFile(path: $0) } ?? .system
        } catch {
            throw ClientCommand.fail(ErrorDescription.describe(error, target: target))
        }
        var scanner = TLSScanner(
            target: target, serverName: self.serverName ?? target.host, trustRoots: trustRoots,
            timeout: .seconds(Int64(self.timeout)))
        var report: ScanReport
        do {
            report = try await scanner.run()
        } catch let error as TLSScanner.Unreachable {
            throw ClientCommand.fail("cannot scan \(target): \(ErrorDescription.describe(error.underlying, target: target))")
        }
        if self.hygiene.enabled {
            let check = self.hygiene.makeCheck(
                host: target.host, httpsPort: target.port, serverName: self.serverName ?? target.host, timeout: .seconds(Int64(self.timeout)))
            report.http = await check.run()
        }
        if self.json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(report)
            StandardStream.output.write(String(decoding: data, as: UTF8.self) + "\n")
        } else {
            StandardStream.output.write(report.lines.joined(separator: "\n") + "\n")
        }
    }
}
