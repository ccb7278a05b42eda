import ArgumentParser
import Foundation
import NIOCore
import TLSKit
import TLSKitNIO

/// `tlskit explain HOST[:PORT]`: connect, and narrate the handshake step by step with the real
/// values, sizes and times.
struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Connect to a TLS server and explain the handshake, one step at a time.",
        discussion: """
            Every message sent and received is shown in order with its direction, its size (the handshake \
            header and body) and the time since the TCP connect started, with the values that matter \
            (versions, randoms, cipher suites, groups and key shares, certificates, signatures) and what \
            each step means; then the key schedule, the certificate checks and the round trips used. \
            --tls1_2 shows the TLS 1.2 handshake (ServerKeyExchange, ClientKeyExchange, ChangeCipherSpec, \
            the master secret); --legacy --cipher AES128-GCM-SHA256 the RSA key exchange.

            A chain the verifier rejects (self-signed, expired, wrong name) is reported, and the handshake \
            goes on so the rest can be shown; no application data is sent. The exit status is 0 whenever \
            the server answered, even when the handshake failed (the account says why), and 1 when it \
            could not be reached.
            """
    )

    @Argument(help: "The server as HOST[:PORT]; the port defaults to 443. Write IPv6 addresses in brackets: [::1]:8443.")
    var address: String

    @OptionGroup var options: ClientConnectionOptions

    @Flag(help: "Print the account as JSON.")
    var json = false

    /// How long to wait after a TLS 1.3 handshake for the server's session tickets.
    static let ticketWait: Duration = .seconds(1)

    func validate() throws {
        _ = try HostPort(argument: self.address)
        _ = try self.options.makeProtocolConfiguration(verifier: InsecureAcceptAnyCertificateVerifier())
    }

    func run() async throws {
        let target = try HostPort(argument: self.address)
        let serverName = self.options.serverName ?? target.host
        let recording = TraceRecording()
        let configuration: TLSClientConfiguration
        let keyLogPath = KeyLogOption.path(option: self.options.keylog)
        do {
            let verifier = ReportingCertificateVerifier(verifier: try self.options.makeVerifier(), recording: recording)
            var protocolConfiguration = try self.options.makeProtocolConfiguration(verifier: verifier)
            protocolConfiguration.clientIdentity = try self.options.loadClientIdentity()
            protocolConfiguration.keyLog = try KeyLogOption.open(option: self.options.keylog)
            protocolConfiguration.observer = recording.observer
            configuration = protocolConfiguration
        } catch {
            throw ClientCommand.fail(ErrorDescription.describe(error, target: target))
        }

        var failure: String?
        do {
            let connection = try await TLSClient.connect(
                host: target.host, port: target.port, serverName: serverName, configuration: configuration,
                connectTimeout: self.options.handshakeTimeout, handshakeTimeout: self.options.handshakeTimeout)
            if connection.summary.version == .tls13 {
                await Self.awaitTickets(recording)
            }
            try? await connection.close()
        } catch {
            failure = ErrorDescription.describe(error, target: target)
            guard recording.heardFromServer else {
                throw ClientCommand.fail(failure ?? "the connection failed")
            }
        }
        let narrative = await HandshakeNarrative.make(
            target: target, serverName: serverName, recording: recording, failure: failure,
            trustSource: self.options.trustSource, keyLogPath: keyLogPath)
        if self.json {
            StandardStream.output.write(narrative.json + "\n")
        } else {
            StandardStream.output.write(narrative.lines.joined(separator: "\n") + "\n")
        }
    }

    /// Waits until the server's NewSessionTickets came (they follow the handshake in TLS 1.3)
    /// and a short while for more, or `ticketWait` without one.
    static func awaitTickets(_ recording: TraceRecording) async {
        let clock = ContinuousClock()
        let deadline = clock.now + Self.ticketWait
        while recording.ticketsReceived == 0, clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        if recording.ticketsReceived > 0 {
            try? await Task.sleep(for: .milliseconds(50))
        }
    }
}
