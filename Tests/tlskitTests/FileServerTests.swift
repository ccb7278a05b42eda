import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import TLSKit
import Testing

@testable import tlskit

/// The HTTP side of `tlskit server`, over plain TCP (the same pipeline runs after the TLS
/// handler in the real server): files, HEAD, 404, 405, escapes, HSTS, streaming, the status
/// page and the redirect listener.
@Suite struct FileServerTests {
    static let summary = HandshakeSummary(
        version: .tls13, cipherSuite: .tlsAES128GCMSHA256, group: .x25519, signatureScheme: nil,
        applicationProtocol: "h2", helloRetryRequested: true, serverName: "localhost",
        peerCertificates: [], verification: nil)

    /// Serves `directory` on 127.0.0.1 with the file server pipeline (no TLS); returns the channel.
    static func serve(
        _ directory: String, hstsMaxAge: Int? = FileServerSettings.defaultHSTSMaxAge, status: Bool = false,
        idleTimeout: TimeAmount = FileServerPipeline.idleTimeout
    ) async throws -> any Channel {
        let settings = FileServerSettings(
            resolver: try RequestPathResolver(root: directory), hstsMaxAge: hstsMaxAge, statusPage: status, chunkSize: 16 * 1024)
        let responder = StaticFileResponder(settings: settings)
        let logger = Logger(label: "test")
        return try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try FileServerPipeline.configureFileServer(
                        channel, responder: responder, logger: logger, idleTimeout: idleTimeout)
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    /// A client that connects and sends nothing is disconnected after the idle timeout, so it
    /// cannot hold the server's resources forever.
    @Test func silentConnectionIsClosedAfterTheIdleTimeout() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let server = try await Self.serve(directory.path, idleTimeout: .milliseconds(200))
        let port = try #require(server.localAddress?.port)
        defer { server.close(promise: nil) }

        let client = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port).get()
        let started = ContinuousClock.now
        let closedByServer = try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                try await client.closeFuture.get()
                return true
            }
            group.addTask {
                try await Task.sleep(for: .seconds(10))
                return false
            }
            let first = try await group.next() ?? false
            group.cancelAll()
            return first
        }
        if !closedByServer { try? await client.close() }
        #expect(closedByServer, "the server kept a silent connection open for 10 s")
        #expect(ContinuousClock.now - started >= .milliseconds(150))
    }

    @Test func servesFilesWithTypeLengthAndHSTS() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("hello.txt", "hello, world\n")
        let server = try await Self.serve(directory.path)
        let port = try #require(server.localAddress?.port)
        defer { server.close(promise: nil) }

        let response = try await RawHTTPExchange.request("GET", "/hello.txt", port: port)
        #expect(response.statusLine == "HTTP/1.1 200 OK")
        #expect(response.header("Content-Type") == ["text/plain; charset=utf-8"])
        #expect(response.header("Content-Length") == ["13"])
        #expect(response.header("Strict-Transport-Security") == ["max-age=63072000"])
        #expect(response.body == Array("hello, world\n".utf8))

        let head = try await RawHTTPExchange.request("HEAD", "/hello.txt", port: port)
        #expect(head.statusLine == "HTTP/1.1 200 OK")
        #expect(head.header("Content-Length") == ["13"])
        #expect(head.body.isEmpty)
    }

    @Test func errorsCarryHSTSToo() async throws {
        let directory = try TemporaryDirectory()
        let outside = try TemporaryDirectory()
        defer {
            directory.remove()
            outside.remove()
        }
        try outside.write("secret.txt", "secret")
        try FileManager.default.createSymbolicLink(atPath: directory.file("out"), withDestinationPath: outside.path)
        let server = try await Self.serve(directory.path)
        let port = try #require(server.localAddress?.port)
        defer { server.close(promise: nil) }

        let missing = try await RawHTTPExchange.request("GET", "/nope.html", port: port)
        #expect(missing.statusLine == "HTTP/1.1 404 Not Found")
        #expect(missing.header("Strict-Transport-Security") == ["max-age=63072000"])

        let post = try await RawHTTPExchange.request("POST", "/", port: port)
        #expect(post.statusLine == "HTTP/1.1 405 Method Not Allowed")
        #expect(post.header("Allow") == ["GET, HEAD"])

        let escape = try await RawHTTPExchange.request("GET", "/%2e%2e/%2e%2e/etc/passwd", port: port)
        #expect(escape.statusLine == "HTTP/1.1 400 Bad Request")
        let symlink = try await RawHTTPExchange.request("GET", "/out/secret.txt", port: port)
        #expect(symlink.statusLine == "HTTP/1.1 403 Forbidden")
        #expect(!symlink.body.contains(Array("secret".utf8)))
    }

    @Test func hstsCanBeDisabled() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("a.txt", "a")
        let server = try await Self.serve(directory.path, hstsMaxAge: 0)
        let port = try #require(server.localAddress?.port)
        defer { server.close(promise: nil) }
        let response = try await RawHTTPExchange.request("GET", "/a.txt", port: port)
        #expect(response.statusLine == "HTTP/1.1 200 OK")
        #expect(response.header("Strict-Transport-Security").isEmpty)
    }

    @Test func streamsALargeFileIntact() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var generator = SystemRandomNumberGenerator()
        let content = (0..<(3 * 1024 * 1024 + 123)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try Data(content).write(to: URL(fileURLWithPath: directory.file("big.bin")))
        let server = try await Self.serve(directory.path)
        let port = try #require(server.localAddress?.port)
        defer { server.close(promise: nil) }

        let response = try await RawHTTPExchange.request("GET", "/big.bin", port: port)
        #expect(response.statusLine == "HTTP/1.1 200 OK")
        #expect(response.header("Content-Type") == ["application/octet-stream"])
        #expect(response.header("Content-Length") == ["\(content.count)"])
        #expect(response.body.count == content.count)
        #expect(response.body == content)
    }

    @Test func keepAliveServesSeveralRequestsInOrder() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("a.txt", "first")
        try directory.write("b.txt", "second")
        let server = try await Self.serve(directory.path)
        let port = try #require(server.localAddress?.port)
        defer { server.close(promise: nil) }
        let bytes = try await RawHTTPExchange.send(
            "GET /a.txt HTTP/1.1\r\nHost: x\r\n\r\nGET /b.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", port: port)
        let text = String(decoding: bytes, as: UTF8.self)
        let first = try #require(text.range(of: "first"))
        let second = try #require(text.range(of: "second"))
        #expect(first.lowerBound < second.lowerBound)
        #expect(text.components(separatedBy: "HTTP/1.1 200 OK").count == 3)
    }

    @Test func directoriesGetAListingOrARedirectToTheSlash() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("docs/<b>.txt", "x")
        let server = try await Self.serve(directory.path)
        let port = try #require(server.localAddress?.port)
        defer { server.close(promise: nil) }
        let redirect = try await RawHTTPExchange.request("GET", "/docs", port: port)
        #expect(redirect.statusLine == "HTTP/1.1 301 Moved Permanently")
        #expect(redirect.header("Location") == ["/docs/"])
        let listing = try await RawHTTPExchange.request("GET", "/docs/", port: port)
        let html = String(decoding: listing.body, as: UTF8.self)
        #expect(html.contains("<a href=\"%3Cb%3E.txt\">&lt;b&gt;.txt</a>"))
    }

    @Test func statusPageReportsTheConnection() {
        let text = StatusPage.text(summary: Self.summary, clientAddress: "127.0.0.1:5000", method: "GET", target: "/x")
        #expect(text.contains("Protocol:           TLSv1.3"))
        #expect(text.contains("Cipher suite:       TLS_AES_128_GCM_SHA256"))
        #expect(text.contains("Key exchange group: x25519"))
        #expect(text.contains("ALPN protocol:      h2"))
        #expect(text.contains("SNI:                localhost"))
        #expect(text.contains("HelloRetryRequest:  yes"))
        #expect(text.contains("Client certificate: none"))
        #expect(text.contains("Request:            GET /x"))
    }

    @Test func statusModeAnswersEveryPathWithThePage() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let server = try await Self.serve(directory.path, status: true)
        let port = try #require(server.localAddress?.port)
        defer { server.close(promise: nil) }
        let response = try await RawHTTPExchange.request("GET", "/anything/at/all", port: port)
        #expect(response.statusLine == "HTTP/1.1 200 OK")
        let text = String(decoding: response.body, as: UTF8.self)
        #expect(text.contains("tlskit server status"))
        #expect(text.contains("Request:            GET /anything/at/all"))
        #expect(text.contains("TLS:                none"))  // plain TCP in this test
    }

    @Test func responseHeadsCarryHSTSOnlyWhenEnabled() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let resolver = try RequestPathResolver(root: directory.path)
        let page = StaticFileResponder.textPage(.notFound)
        let on = StaticFileResponder(settings: FileServerSettings(resolver: resolver, hstsMaxAge: 600))
        #expect(on.responseHead(for: page, version: .http1_1, keepAlive: true).headers["Strict-Transport-Security"] == ["max-age=600"])
        let off = StaticFileResponder(settings: FileServerSettings(resolver: resolver, hstsMaxAge: 0))
        #expect(off.responseHead(for: page, version: .http1_1, keepAlive: false).headers["Strict-Transport-Security"].isEmpty)
        #expect(off.responseHead(for: page, version: .http1_1, keepAlive: false).headers["Connection"] == ["close"])
    }

    @Test func redirectListenerAnswers301() async throws {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try FileServerPipeline.configureRedirect(channel, httpsPort: 8443, fallbackHost: "127.0.0.1")
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(server.localAddress?.port)
        defer { server.close(promise: nil) }
        let response = try await RawHTTPExchange.request("GET", "/x?y=1", port: port, host: "localhost:\(port)")
        #expect(response.statusLine == "HTTP/1.1 301 Moved Permanently")
        #expect(response.header("Location") == ["https://localhost:8443/x?y=1"])
        let post = try await RawHTTPExchange.request("POST", "/form", port: port, host: "example.com")
        #expect(post.header("Location") == ["https://example.com:8443/form"])
    }

    @Test func handshakeLogLines() {
        #expect(
            TLSServerLogLine.handshake(Self.summary, remote: "127.0.0.1:54321")
                == "127.0.0.1:54321 TLSv1.3 TLS_AES_128_GCM_SHA256 x25519 h2 sni=localhost hrr")
        let error = TLSError(code: .peerIncompatible, reason: "no shared cipher suite", alert: .handshakeFailure)
        #expect(TLSServerLogLine.failure(error, remote: "[::1]:1") == "[::1]:1 handshake failed: no shared cipher suite")
    }
}
