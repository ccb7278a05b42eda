import ArgumentParser
import Foundation
import NIOCore
import TLSKit
import TLSKitNIO

/// `tlskit client HOST[:PORT]`: connect, show what was negotiated, then relay data, in the
/// spirit of `openssl s_client`.
struct ClientCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "client",
        abstract: "Connect to a TLS server, show what was negotiated, then relay standard input and output.",
        discussion: """
            The connection report (protocol, cipher suite, group, ALPN, certificate chain and \
            verification result) is written to standard error; only data from the server goes to \
            standard output, so `tlskit client example.com --http / > page.html` saves just the page.

            Without --http, standard input is sent to the server and the server's data is printed \
            until either side closes. At the end of standard input a close_notify is sent and the \
            server gets a few seconds to finish. When standard input is a terminal, a line holding \
            only 'k' sends a KeyUpdate, and 'K' a KeyUpdate that asks the server to update its keys \
            too (like openssl s_client).

            With --keylog FILE, or the SSLKEYLOGFILE environment variable, the secrets of the \
            connection are appended to that file in the NSS key log format, which Wireshark and \
            tshark read (-o tls.keylog_file:FILE) to decrypt a capture.
            """
    )

    @Argument(help: "The server as HOST[:PORT]; the port defaults to 443. Write IPv6 addresses in brackets: [::1]:8443.")
    var address: String

    @OptionGroup var options: ClientConnectionOptions

    @Option(
        help: ArgumentHelp(
            "Send 'GET PATH HTTP/1.1' and print the response until the server closes.",
            discussion: "Offers ALPN http/1.1 unless --alpn is given.",
            valueName: "PATH"))
    var http: String?

    @Flag(name: [.short, .long], help: "Do not print the connection report.")
    var quiet = false

    @Flag(help: "Instead of the connection report, explain the handshake step by step (as 'tlskit explain' does) on standard error.")
    var explain = false

    @OptionGroup(title: "Session resumption and 0-RTT")
    var resumption: ClientResumptionOptions

    /// Seconds to wait for the server to close after standard input ended.
    static let closeGracePeriod: Duration = .seconds(3)

    func validate() throws {
        _ = try HostPort(argument: self.address)
        if let path = self.http {
            try Self.validateRequestTarget(path)
        }
        _ = try self.makeProtocolConfiguration(verifier: InsecureAcceptAnyCertificateVerifier())
    }

    func run() async throws {
        let target = try HostPort(argument: self.address)
        let serverName = self.options.serverName ?? target.host

        let recording = self.explain && !self.quiet ? TraceRecording() : nil
        let configuration: TLSClientConfiguration
        let resumption: ClientResumptionRun
        do {
            var protocolConfiguration = try self.makeProtocolConfiguration(verifier: try self.options.makeVerifier())
            protocolConfiguration.clientIdentity = try self.options.loadClientIdentity()
            protocolConfiguration.keyLog = try KeyLogOption.open(option: self.options.keylog)
            protocolConfiguration.observer = recording?.observer
            resumption = try ClientResumptionRun(options: self.resumption, configuration: &protocolConfiguration)
            configuration = protocolConfiguration
        } catch {
            throw Self.fail(ErrorDescription.describe(error, target: target))
        }
        if self.options.insecure {
            StandardStream.error.write(
                "WARNING: --insecure: the server's certificate is NOT verified; anyone on the network path can impersonate \(serverName).\n"
            )
        }

        let connection: TLSClientConnection
        do {
            connection = try await TLSClient.connect(
                host: target.host, port: target.port, serverName: serverName, configuration: configuration,
                connectTimeout: self.options.handshakeTimeout, handshakeTimeout: self.options.handshakeTimeout,
                resuming: resumption.session, earlyData: resumption.earlyData)
        } catch {
            let failure = ErrorDescription.describe(error, target: target)
            if let recording, recording.heardFromServer {
                await self.printExplanation(recording, target: target, serverName: serverName, failure: failure)
            }
            throw Self.fail(failure)
        }

        if let recording {
            await self.printExplanation(recording, target: target, serverName: serverName, failure: nil)
            self.report(resumption, connection: 1, connection.summary)
        } else if !self.quiet {
            let remote = connection.remoteAddress.flatMap { address in
                address.ipAddress.map { address.protocol == .inet6 ? "[\($0)]:\(target.port)" : "\($0):\(target.port)" }
            }
            let report = ConnectionReport(target: target, remoteAddress: remote, summary: connection.summary)
            StandardStream.error.write(report.lines.joined(separator: "\n") + "\n")
            self.report(resumption, connection: 1, connection.summary)
        }
        await resumption.awaitTickets(before: 0)

        do {
            if let path = self.http {
                try await self.runHTTP(path: path, connection: connection, target: target, serverName: serverName)
            } else {
                try await Self.relay(connection, commands: isatty(0) == 1)
            }
        } catch let error as TLSError where error.code == .closed {
            // The server closed TCP without close_notify: everything read was printed, but the
            // end cannot be told from a truncation (RFC 8446, Section 6.1).
            StandardStream.error.write("tlskit: warning: \(error.reason)\n")
        } catch let error as ExitCode {
            throw error
        } catch {
            throw Self.fail(ErrorDescription.describe(error, target: target))
        }
        try await self.finish(resumption, target: target, serverName: serverName, configuration: configuration)
    }

    /// The configuration the options ask for; `--http` offers ALPN http/1.1 unless `--alpn` says otherwise.
    func makeProtocolConfiguration(verifier: any CertificateVerifier) throws -> TLSClientConfiguration {
        try self.options.makeProtocolConfiguration(
            verifier: verifier, defaultApplicationProtocols: self.http == nil ? [] : ["http/1.1"])
    }

    /// `--explain`: the account of the handshake so far, on standard error.
    func printExplanation(_ recording: TraceRecording, target: HostPort, serverName: String, failure: String?) async {
        let narrative = await HandshakeNarrative.make(
            target: target, serverName: serverName, recording: recording, failure: failure,
            trustSource: self.options.trustSource, keyLogPath: KeyLogOption.path(option: self.options.keylog))
        StandardStream.error.write(narrative.lines.joined(separator: "\n") + "\n")
    }

    // MARK: --http

    /// The request target must be an origin-form path (RFC 9112, Section 3.2.1) without spaces
    /// or control characters, which could split the request.
    static func validateRequestTarget(_ path: String) throws {
        guard path.hasPrefix("/") else {
            throw ValidationError("--http PATH must start with '/'")
        }
        guard path.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            throw ValidationError("--http PATH must not contain spaces, control or non-ASCII characters")
        }
    }

    /// `GET path HTTP/1.1` with Host and `Connection: close` (RFC 9112).
    static func httpRequest(path: String, host: HostPort) -> String {
        "GET \(path) HTTP/1.1\r\nHost: \(host.hostHeader(defaultPort: 443))\r\nUser-Agent: tlskit\r\nAccept: */*\r\nConnection: close\r\n\r\n"
    }

    func runHTTP(path: String, connection: TLSClientConnection, target: HostPort, serverName: String) async throws {
        if let chosen = connection.summary.applicationProtocol, chosen != "http/1.1" {
            try await connection.close()
            throw Self.fail("the server chose ALPN protocol '\(chosen)', but --http speaks HTTP/1.1 only")
        }
        let host = HostPort(host: self.options.serverName ?? target.host, port: target.port)
        let request = Self.httpRequest(path: path, host: host)
        try await connection.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(string: request))
            for try await chunk in inbound {
                StandardStream.output.write(chunk)
            }
        }
    }

    // MARK: Relay

    private enum RelayEnd: Sendable {
        case serverClosed
        case inputEnded
    }

    /// Server data to standard output and standard input to the server, until the server closes,
    /// or standard input ends and the server does not close within the grace period.
    private static func relay(_ connection: TLSClientConnection, commands: Bool) async throws {
        try await connection.executeThenClose { inbound, outbound in
            try await withThrowingTaskGroup(of: RelayEnd.self) { group in
                group.addTask {
                    for try await chunk in inbound {
                        StandardStream.output.write(chunk)
                    }
                    return .serverClosed
                }
                group.addTask {
                    let input = StandardInput()
                    for await chunk in input.chunks {
                        if commands, let request = Self.keyUpdateCommand(chunk) {
                            try await connection.updateKeys(requestPeerUpdate: request)
                            StandardStream.error.write(request ? "KEYUPDATE (peer update requested)\n" : "KEYUPDATE\n")
                            input.didConsume()
                            continue
                        }
                        try await outbound.write(chunk)
                        input.didConsume()
                    }
                    guard !Task.isCancelled else { return .inputEnded }
                    // End of input: send close_notify, keep reading for a short while.
                    outbound.finish()
                    try? await Task.sleep(for: Self.closeGracePeriod)
                    return .inputEnded
                }
                _ = try await group.next()
                group.cancelAll()
            }
        }
    }

    /// A line holding only `k` (update our keys) or `K` (and request the peer's): the request
    /// flag, or nil for data.
    static func keyUpdateCommand(_ chunk: ByteBuffer) -> Bool? {
        switch String(buffer: chunk) {
        case "k\n", "k\r\n": false
        case "K\n", "K\r\n": true
        default: nil
        }
    }

    /// Prints `tlskit: error: message` and returns the exit code to throw.
    static func fail(_ message: String) -> ExitCode {
        StandardStream.error.write("tlskit: error: \(message)\n")
        return ExitCode.failure
    }
}
