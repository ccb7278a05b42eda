import ArgumentParser
import Logging
import NIOCore
import NIOPosix
import TLSKit
import TLSKitNIO

/// `tlskit server`: serve a directory over HTTPS/1.1, with HSTS and an optional plain HTTP
/// listener that redirects to HTTPS; or, with `--status`, report each connection's parameters.
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server",
        abstract: "Serve a directory over HTTPS (HTTP/1.1), like a small web server.",
        discussion: """
            Without --cert, a local development CA and a certificate for localhost, 127.0.0.1 and \
            ::1 are created in ~/.tlskit/dev/ on first use and reused afterwards; the command \
            prints where the root is and how to trust it.

            GET and HEAD are answered (405 for other methods); paths never leave --root (no '..', \
            symbolic links pointing outside are refused); large files are streamed. Every HTTPS \
            response carries Strict-Transport-Security. With --http-port, a plain HTTP listener \
            answers every request with 301 to the same path over HTTPS.

            Each connection is logged on standard error as one line: client address, protocol, \
            cipher suite, group, ALPN protocol, SNI (and the client certificate's subject).

            The server listens on 127.0.0.1 by default (not 'localhost', which may resolve to ::1 \
            only); https://localhost:PORT/ works since clients try 127.0.0.1. Use --host ::1 or \
            --host 0.0.0.0 to listen elsewhere.
            """
    )

    @Option(
        name: .customLong("cert"),
        help: ArgumentHelp("A PEM certificate chain, leaf first (repeatable; pairs with --key in order).", valueName: "FILE"))
    var certificates: [String] = []

    @Option(
        name: .customLong("key"),
        help: ArgumentHelp("The PEM private key of the --cert at the same position (repeatable).", valueName: "FILE"))
    var keys: [String] = []

    @Option(help: "The HTTPS port.")
    var port = 8443

    @Option(help: ArgumentHelp("The address to listen on.", valueName: "ADDRESS"))
    var host = "127.0.0.1"

    @Option(help: ArgumentHelp("The directory to serve.", valueName: "DIR"))
    var root = "."

    @Option(help: ArgumentHelp("Also listen for plain HTTP on this port and redirect every request to HTTPS.", valueName: "PORT"))
    var httpPort: Int?

    @Option(
        help: ArgumentHelp(
            "ALPN protocols to accept, most preferred first, comma separated: http/1.1 and http/1.0, the protocols this server speaks.",
            valueName: "http/1.1"))
    var alpn = "http/1.1"

    @Option(
        name: .customLong("client-ca"),
        help: ArgumentHelp("Ask clients for a certificate and verify it against the roots in this PEM file.", valueName: "FILE"))
    var clientCA: String?

    @Flag(help: "Refuse clients without a certificate (needs --client-ca).")
    var requireClientCert = false

    @Option(
        help: ArgumentHelp(
            "The configuration preset after Mozilla's recommendations: modern (TLS 1.3), intermediate (TLS 1.2 and 1.3) or legacy.",
            discussion: "legacy is intermediate plus TLS 1.2 RSA key exchange (no forward secrecy), for clients that know nothing else. --tls1_2, --tls1_3, --ciphersuites, --cipher and --legacy then narrow or widen the preset."))
    var profile: ServerProfile = .intermediate

    @Option(
        help: ArgumentHelp(
            "The number of event-loop threads that serve connections (default: one per core).", valueName: "N"))
    var eventLoops: Int?

    @Flag(help: "Answer every request with a text page showing what its connection negotiated (like 'openssl s_server -www').")
    var status = false

    @Option(
        help: ArgumentHelp(
            "Append every connection's secrets to FILE in the NSS key log format, for Wireshark (default: $SSLKEYLOGFILE).",
            discussion: "Anyone with this file can decrypt the connections; for debugging only.",
            valueName: "FILE"))
    var keylog: String?

    @Option(help: ArgumentHelp("The Strict-Transport-Security max-age in seconds; 0 sends no header.", valueName: "SECONDS"))
    var hstsMaxAge = FileServerSettings.defaultHSTSMaxAge

    @Flag(help: "Add includeSubDomains to Strict-Transport-Security: every subdomain must be served over HTTPS too.")
    var hstsIncludeSubdomains = false

    @Flag(help: "Add preload to Strict-Transport-Security, for browsers' preload lists (needs --hsts-include-subdomains and a max-age of a year or more).")
    var hstsPreload = false

    @OptionGroup(title: "Protocol versions and cipher suites")
    var protocolOptions: ProtocolVersionOptions

    @OptionGroup(title: "Session resumption and 0-RTT")
    var resumption: ServerResumptionOptions

    func validate() throws {
        guard self.certificates.count == self.keys.count else {
            throw ValidationError("every --cert needs a --key (got \(self.certificates.count) --cert and \(self.keys.count) --key)")
        }
        guard (0...65535).contains(self.port) else { throw ValidationError("--port must be between 0 and 65535") }
        if let eventLoops = self.eventLoops, eventLoops < 1 {
            throw ValidationError("--event-loops must be at least 1 (got \(eventLoops))")
        }
        if let httpPort = self.httpPort {
            guard (1...65535).contains(httpPort) else { throw ValidationError("--http-port must be between 1 and 65535") }
            guard httpPort != self.port else { throw ValidationError("--http-port must differ from --port") }
        }
        if self.requireClientCert && self.clientCA == nil {
            throw ValidationError("--require-client-cert needs --client-ca")
        }
        var settings = self.profile.configuration(identities: []).settings
        try self.protocolOptions.apply(to: &settings)
        guard self.hstsMaxAge >= 0 else { throw ValidationError("--hsts-max-age must not be negative") }
        if self.hstsPreload {
            guard self.hstsIncludeSubdomains, self.hstsMaxAge >= FileServerSettings.minimumPreloadMaxAge else {
                throw ValidationError(
                    "--hsts-preload needs --hsts-include-subdomains and --hsts-max-age of at least \(FileServerSettings.minimumPreloadMaxAge) (one year), as the preload list requires")
            }
        }
        for name in try AlgorithmNames.applicationProtocols(self.alpn)
        where !FileServerSettings.servedApplicationProtocols.contains(name) {
            throw ValidationError(
                "--alpn \(name): this server speaks only \(FileServerSettings.servedApplicationProtocols.joined(separator: " and ")); a client that negotiated \(name) would fail")
        }
    }

    /// The TLS configuration the options ask for, serving `identities`.
    func makeConfiguration(identities: [TLSCertificateIdentity]) throws -> TLSServerConfiguration {
        var configuration = self.profile.configuration(identities: identities)
        try self.protocolOptions.apply(to: &configuration.settings)
        configuration.applicationProtocols = try AlgorithmNames.applicationProtocols(self.alpn)
        self.resumption.apply(to: &configuration)
        if let clientCA = self.clientCA {
            let verifier = DefaultCertificateVerifier(trustRoots: try TrustRoots.pemFile(path: clientCA))
            configuration.clientAuthentication = self.requireClientCert ? .required(verifier) : .optional(verifier)
        }
        return configuration
    }

    /// What the file handler serves and how.
    func makeSettings() throws -> FileServerSettings {
        FileServerSettings(
            resolver: try RequestPathResolver(root: self.root), hstsMaxAge: self.hstsMaxAge,
            hstsIncludeSubdomains: self.hstsIncludeSubdomains, hstsPreload: self.hstsPreload, statusPage: self.status)
    }

    /// The certificates of `--cert`/`--key`, or the development certificate (made if needed).
    func loadIdentities() throws -> [TLSCertificateIdentity] {
        if self.certificates.isEmpty {
            let store = DevelopmentCertificateStore(directory: DevelopmentCertificateStore.defaultDirectory())
            let outcome = try store.prepare()
            if outcome.createdRoot {
                StandardStream.error.write("Created a local development CA.\n")
            } else if outcome.issuedLeaf {
                StandardStream.error.write("Issued a new localhost certificate.\n")
            }
            return [try TLSCertificateIdentity(certificatePEMFile: store.leafFile, privateKeyPEMFile: store.leafKeyFile)]
        }
        return try zip(self.certificates, self.keys).map { certificate, key in
            try TLSCertificateIdentity(certificatePEMFile: certificate, privateKeyPEMFile: key)
        }
    }

    /// How to trust the development CA, for the port the server listens on; nil with `--cert`.
    func developmentTrustInstructions(port: Int) -> String? {
        guard self.certificates.isEmpty else { return nil }
        return DevelopmentCertificateStore(directory: DevelopmentCertificateStore.defaultDirectory()).trustInstructions(port: port)
    }

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .info
            return handler
        }
        let logger = Logger(label: "tlskit.server")

        let configuration: TLSServerConfiguration
        let settings: FileServerSettings
        do {
            settings = try self.makeSettings()
            var serverConfiguration = try self.makeConfiguration(identities: try self.loadIdentities())
            serverConfiguration.keyLog = try KeyLogOption.open(option: self.keylog)
            configuration = serverConfiguration
            // Fail now, with the reason, rather than on every connection.
            _ = try TLSConnection(configuration: configuration)
        } catch {
            throw ClientCommand.fail(ErrorDescription.describe(error, target: HostPort(host: self.host, port: self.port)))
        }

        let responder = StaticFileResponder(settings: settings)
        // A group of our own only when asked for; otherwise the shared one, a thread per core.
        let ownGroup = self.eventLoops.map { MultiThreadedEventLoopGroup(numberOfThreads: $0) }
        let group = ownGroup ?? MultiThreadedEventLoopGroup.singleton
        defer { ownGroup?.shutdownGracefully { _ in } }
        let httpsChannel: any Channel
        do {
            httpsChannel = try await ServerBootstrap(group: group)
                .serverChannelOption(ChannelOptions.backlog, value: 256)
                .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
                // A client's close_notify ends only its side (TLS 1.3): answer its request first.
                .childChannelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
                .bindTLS(host: self.host, port: self.port, configuration: configuration) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try FileServerPipeline.configureFileServer(channel, responder: responder, logger: logger)
                    }
                }
                .get()
        } catch {
            throw ClientCommand.fail(
                ErrorDescription.describeListen(error, target: HostPort(host: self.host, port: self.port), option: "--port"))
        }
        let httpsPort = httpsChannel.localAddress?.port ?? self.port
        let hostForURL = HTTPSRedirectLocation.hostForURL(self.host)
        // Printed once the port is ours, so a server that cannot listen says only why.
        if let instructions = self.developmentTrustInstructions(port: httpsPort) {
            StandardStream.error.write(instructions + "\n")
        }
        StandardStream.error.write("Serving \(settings.resolver.root) on https://\(hostForURL):\(httpsPort)/\n")

        var httpChannel: (any Channel)?
        if let httpPort = self.httpPort {
            let fallbackHost = self.host
            do {
                httpChannel = try await ServerBootstrap(group: group)
                    .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
                    .childChannelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try FileServerPipeline.configureRedirect(channel, httpsPort: httpsPort, fallbackHost: fallbackHost)
                        }
                    }
                    .bind(host: self.host, port: httpPort)
                    .get()
            } catch {
                try? await httpsChannel.close()
                throw ClientCommand.fail(
                    ErrorDescription.describeListen(error, target: HostPort(host: self.host, port: httpPort), option: "--http-port"))
            }
            StandardStream.error.write("Redirecting http://\(hostForURL):\(httpPort)/ to HTTPS\n")
        }

        StandardStream.error.write("Press Ctrl-C to stop.\n")
        try await httpsChannel.closeFuture.get()
        try? await httpChannel?.close()
    }
}
