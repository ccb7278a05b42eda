import Logging
import NIOCore
import TLSKit
import TLSKitNIO
import X509

/// TLSKit's own server (`TLSServer.bind`) in the test process on 127.0.0.1, port chosen by the
/// kernel, answering each connection with a small HTTP/1.1 response.
///
/// Each connection reads up to the end of an HTTP request header (`\r\n\r\n`), answers
/// `200 OK` with a text body naming what the handshake negotiated (`protocol:`, `cipher:`,
/// `group:`, `alpn:`, `sni:`, `hrr:`, `client:`), then sends close_notify and closes. `log`
/// records each completed handshake's summary and each failed handshake's reason.
final class LibraryServer: Sendable {
    let server: TLSServer
    let port: UInt16
    let log: ServerEventLog
    private let acceptLoop: Task<Void, Never>

    /// The most a request header may take; more is answered by closing.
    static let requestLimit = 64 * 1024

    private init(server: TLSServer, port: UInt16, log: ServerEventLog, acceptLoop: Task<Void, Never>) {
        self.server = server
        self.port = port
        self.log = log
        self.acceptLoop = acceptLoop
    }

    static func start(configuration: TLSServerConfiguration) async throws -> LibraryServer {
        let log = ServerEventLog()
        let server = try await TLSServer.bind(
            host: "127.0.0.1", port: 0, configuration: configuration, handshakeTimeout: InteropTimeouts.handshake,
            logger: Logger(label: "interop.library-server") { _ in log.logHandler })
        guard let port = server.localAddress?.port, let port16 = UInt16(exactly: port) else {
            try await server.close()
            throw ChannelError.unknownLocalAddress
        }
        let acceptLoop = Task {
            await withDiscardingTaskGroup { group in
                for await connection in server.connections {
                    log.record(.completed(connection.summary))
                    group.addTask {
                        try? await respond(on: connection)
                    }
                }
            }
        }
        return LibraryServer(server: server, port: port16, log: log, acceptLoop: acceptLoop)
    }

    /// Starts a server, runs `body` with it and stops it, whether `body` returns or throws.
    static func withServer<Result>(
        _ configuration: TLSServerConfiguration,
        _ body: (LibraryServer) async throws -> Result
    ) async throws -> Result {
        let server = try await start(configuration: configuration)
        do {
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    /// Stops listening and waits for the accept loop and the open connections to end.
    func stop() async {
        try? await server.close()
        await acceptLoop.value
    }

    /// The body the server answers for `summary` and the request line it read.
    static func responseBody(_ summary: HandshakeSummary, requestLine: String) -> String {
        var lines = ["TLSKit library server", "request: \(requestLine)"]
        lines.append("protocol: \(summary.version)")
        lines.append("cipher: \(summary.cipherSuite)")
        lines.append("group: \(summary.group.map(\.description) ?? "none")")
        lines.append("alpn: \(summary.applicationProtocol ?? "none")")
        lines.append("sni: \(summary.serverName ?? "none")")
        lines.append("hrr: \(summary.helloRetryRequested ? "yes" : "no")")
        let client = summary.peerCertificates.first.map { der in
            (try? Certificate(derEncoded: der)).map { "\($0.subject)" } ?? "unparsable"
        }
        lines.append("client: \(client ?? "none")")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func respond(on connection: TLSServerConnection) async throws {
        try await connection.executeThenClose { inbound, outbound in
            var received: [UInt8] = []
            let end: [UInt8] = Array("\r\n\r\n".utf8)
            for try await chunk in inbound {
                received += chunk.readableBytesView
                if received.count > requestLimit { return }
                if received.count >= end.count,
                    (0...(received.count - end.count)).contains(where: { received[$0..<($0 + end.count)].elementsEqual(end) })
                {
                    break
                }
            }
            let requestLine = String(decoding: received.prefix { $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\n") }, as: UTF8.self)
            let body = responseBody(connection.summary, requestLine: requestLine)
            let header =
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n"
            try await outbound.write(ByteBuffer(string: header + body))
        }
    }
}
