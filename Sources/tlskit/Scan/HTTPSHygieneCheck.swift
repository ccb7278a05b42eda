#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore
import NIOPosix
import TLSKit
import TLSKitNIO

/// The HTTP side of `tlskit scan --http`: does plain HTTP redirect to HTTPS, does the HTTPS
/// response carry a good Strict-Transport-Security header (RFC 6797), and does the page load
/// insecure subresources (W3C Mixed Content)?
///
/// ```swift
/// let report = await HTTPSHygieneCheck(host: "example.com", httpsPort: 443).run()
/// print(report.lines.joined(separator: "\n"))
/// ```
///
/// The certificate is not judged here (any is accepted): trust is the TLS part of the scan.
/// Nothing is thrown: every failure becomes part of the report.
struct HTTPSHygieneCheck: Sendable {
    /// The host to connect to: a DNS name or an IP address literal.
    var host: String
    var httpsPort: Int
    /// The plain HTTP port probed for a redirect (80 by default; `--http-port`).
    var httpPort: Int
    /// The name sent as SNI and in the Host header; `host` by default.
    var serverName: String
    /// The origin-form request target (`/`, `/index.html?x=1`).
    var path: String
    /// The most time each of the two exchanges (plain HTTP, HTTPS) may take, connecting included.
    var timeout: Duration
    /// The most bytes of the response head read (64 KiB).
    var headLimit = 64 * 1024
    /// The most body bytes read and examined (2 MiB).
    var bodyLimit = 2 * 1024 * 1024

    init(
        host: String, httpsPort: Int = 443, httpPort: Int = 80, serverName: String? = nil, path: String = "/",
        timeout: Duration = .seconds(10)
    ) {
        self.host = host
        self.httpsPort = httpsPort
        self.httpPort = httpPort
        self.serverName = serverName ?? host
        self.path = path
        self.timeout = timeout
    }

    /// Why `path` cannot be sent as a request target, or nil when it can: an origin-form path
    /// (RFC 9112, Section 3.2.1) of visible ASCII, which cannot split the request.
    static func problem(withPath path: String) -> String? {
        guard path.hasPrefix("/") else { return "the request path must start with '/'" }
        guard path.utf8.count <= 8192 else { return "the request path is longer than 8192 bytes" }
        guard path.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            return "the request path must not contain spaces, control or non-ASCII characters"
        }
        return nil
    }

    /// Why `serverName` cannot go into SNI and the Host header, or nil when it can: a DNS name
    /// or an IP address literal, at most 253 bytes, nothing that could split the request.
    static func problem(withServerName serverName: String) -> String? {
        guard !serverName.isEmpty, serverName.utf8.count <= 253 else {
            return "the server name must be 1 to 253 characters long"
        }
        guard serverName.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && !"/@?#[]\\".unicodeScalars.contains($0) }) else {
            return "the server name '\(HTTPResponseReader.printable(serverName))' is not a host name or IP address"
        }
        return nil
    }

    /// Runs both exchanges (at the same time) and judges what came back.
    func run() async -> HTTPSHygieneReport {
        var report = HTTPSHygieneReport(
            host: self.host, serverName: self.serverName, httpsPort: self.httpsPort, path: self.path,
            plainHTTP: PlainHTTPRedirectReport(port: self.httpPort, verdict: .failed),
            https: HTTPSPageReport(port: self.httpsPort), hsts: StrictTransportSecurityReport())
        if let problem = Self.problem(withPath: self.path) ?? Self.problem(withServerName: self.serverName) {
            report.plainHTTP.error = problem
            report.https.error = problem
            report.mixedContentNote = problem
            return report
        }
        async let plain = self.probePlainHTTP()
        async let page = self.fetchHTTPS()
        report.plainHTTP = await plain
        let (pageReport, response) = await page
        report.https = pageReport
        guard let response else {
            report.mixedContentNote = "no HTTPS response"
            return report
        }
        report.hsts = StrictTransportSecurityReport.evaluate(response.head.values(named: "Strict-Transport-Security"))
        if (300...399).contains(response.head.statusCode) {
            let target = response.head.value(named: "Location").map { " to \($0)" } ?? ""
            report.mixedContentNote = "the HTTPS response is a \(response.head.statusCode) redirect\(target); check the page it leads to"
        } else if Self.isHTML(response) {
            var analysis = MixedContentClassifier.analyze(response.body)
            if response.head.values(named: "Content-Security-Policy").contains(where: ContentSecurityPolicyUpgrade.isRequested(by:)) {
                analysis.upgradeInsecureRequests = true
            }
            report.mixedContent = analysis
        } else {
            report.mixedContentNote = "the response is not HTML (\(pageReport.contentType ?? "no Content-Type"))"
        }
        return report
    }

    // MARK: Plain HTTP

    /// GET over plain TCP to the HTTP port; only the head is read.
    func probePlainHTTP() async -> PlainHTTPRedirectReport {
        let target = HostPort(host: self.host, port: self.httpPort)
        let request = HTTPExchange.request(
            target: self.path, hostHeader: HostPort(host: self.serverName, port: self.httpPort).hostHeader(defaultPort: 80))
        let reader = HTTPResponseReader(headLimit: self.headLimit, bodyLimit: 0, headOnly: true)
        let host = self.host
        let port = self.httpPort
        let connectTimeout = Self.timeAmount(self.timeout)
        do {
            let (outcome, _) = try await HTTPExchange.withDeadline(self.timeout, what: "the plain HTTP listener on \(target)") {
                let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                    .connectTimeout(connectTimeout)
                    .connect(host: host, port: port) { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                        }
                    }
                return try await channel.executeThenClose { inbound, outbound in
                    try await HTTPExchange.exchange(request: request, inbound: inbound, outbound: outbound, reader: reader)
                }
            }
            return PlainHTTPRedirectReport.evaluate(outcome.response.head, port: self.httpPort, serverName: self.serverName)
        } catch {
            var report = PlainHTTPRedirectReport(port: self.httpPort, verdict: .failed)
            if Self.isConnectionRefused(error) {
                report.verdict = .noListener
                report.error = "nothing listens on \(target): connection refused"
            } else {
                report.error = Self.describe(error, target: target)
            }
            return report
        }
    }

    // MARK: HTTPS

    /// GET over TLS (ALPN http/1.1, any certificate accepted); the response and its report.
    func fetchHTTPS() async -> (HTTPSPageReport, ParsedHTTPResponse?) {
        let target = HostPort(host: self.host, port: self.httpsPort)
        let request = HTTPExchange.request(
            target: self.path,
            hostHeader: HostPort(host: self.serverName, port: self.httpsPort).hostHeader(defaultPort: 443))
        let reader = HTTPResponseReader(headLimit: self.headLimit, bodyLimit: self.bodyLimit)
        let host = self.host
        let port = self.httpsPort
        let serverName = self.serverName
        let timeout = Self.timeAmount(self.timeout)
        var report = HTTPSPageReport(port: self.httpsPort)
        do {
            let (result, timedOut) = try await HTTPExchange.withDeadline(self.timeout, what: "the HTTPS server on \(target)") {
                var configuration = TLSClientConfiguration(certificateVerifier: InsecureAcceptAnyCertificateVerifier())
                configuration.applicationProtocols = ["http/1.1"]
                let connection = try await TLSClient.connect(
                    host: host, port: port, serverName: serverName, configuration: configuration,
                    connectTimeout: timeout, handshakeTimeout: timeout)
                if let chosen = connection.summary.applicationProtocol, chosen != "http/1.1" {
                    try? await connection.close()
                    throw HTTPExchangeError("the server chose ALPN protocol '\(chosen)' although only http/1.1 was offered")
                }
                let outcome = try await connection.executeThenClose { inbound, outbound in
                    try await HTTPExchange.exchange(request: request, inbound: inbound, outbound: outbound, reader: reader)
                }
                return (outcome, "\(connection.summary.version)")
            }
            let (outcome, version) = result
            let head = outcome.response.head
            report.statusCode = head.statusCode
            report.reasonPhrase = head.reasonPhrase
            report.contentType = head.value(named: "Content-Type")
            if (300...399).contains(head.statusCode) { report.location = head.value(named: "Location") }
            report.bodyBytes = outcome.response.body.count
            report.bodyEnd = outcome.response.bodyEnd
            report.protocolVersion = version
            report.closedWithoutCloseNotify = outcome.closedWithoutCloseNotify
            report.timedOut = timedOut
            return (report, outcome.response)
        } catch {
            report.error = Self.describe(error, target: target)
            return (report, nil)
        }
    }

    // MARK: Helpers

    /// Whether the response is an HTML page by its Content-Type, or, without one, by its start.
    static func isHTML(_ response: ParsedHTTPResponse) -> Bool {
        if let contentType = response.head.value(named: "Content-Type") {
            let mediaType = contentType.split(separator: ";").first.map { String($0).lowercased() } ?? ""
            let trimmed = mediaType.filter { $0 != " " && $0 != "\t" }
            return trimmed == "text/html" || trimmed == "application/xhtml+xml"
        }
        let start = String(decoding: response.body.prefix(512), as: UTF8.self)
            .drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{FEFF}" }
            .prefix(14).lowercased()
        return start.hasPrefix("<!doctype html") || start.hasPrefix("<html")
    }

    /// Whether every connection attempt was refused (nothing listens on the port).
    static func isConnectionRefused(_ error: any Error) -> Bool {
        switch error {
        case let error as NIOConnectionError:
            return !error.connectionErrors.isEmpty
                && error.connectionErrors.allSatisfy { ($0.error as? IOError)?.errnoCode == ECONNREFUSED }
        case let error as IOError:
            return error.errnoCode == ECONNREFUSED
        default:
            return false
        }
    }

    static func describe(_ error: any Error, target: HostPort) -> String {
        switch error {
        case let error as HTTPExchangeError: error.message
        default: ErrorDescription.describe(error, target: target)
        }
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds.multipliedReportingOverflow(by: 1_000_000_000).partialValue + attoseconds / 1_000_000_000)
    }
}
