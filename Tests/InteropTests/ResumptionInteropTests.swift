import Foundation
import NIOCore
import NIOPosix
import Synchronization
import Testing
import TLSKit
import TLSKitNIO

/// Session resumption and 0-RTT against real peers: `openssl s_client -sess_out/-sess_in
/// [-early_data]` against `tlskit server` and TLSKit's library server, `tlskit client
/// --sess-out/--sess-in/--reconnect/--early-data` against `openssl s_server [-early_data]`,
/// early data rejected by a server not configured for it (still delivered exactly once when
/// TLSKit's client re-sends it), and a replayed 0-RTT ClientHello refused by the server.
@Suite struct ResumptionInteropTests {
    let fixture: TestPKIFixture

    init() throws {
        fixture = try TestPKIFixture(kinds: [])
    }

    func path(_ name: String) -> String {
        fixture.directory.appendingPathComponent("\(name)-\(UUID().uuidString)").path
    }

    func write(_ text: String, _ name: String) throws -> String {
        let file = path(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// `tlskit client 127.0.0.1:PORT --servername localhost --cafile ROOT` plus `options`.
    /// With `keepInputOpen` its standard input stays open after `stdin`, so the client does not
    /// send close_notify before the server has answered (TLSKit's server closes on it).
    func tlskitClient(port: UInt16, _ options: [String], stdin: String? = nil, keepInputOpen: Bool = false) async throws -> PeerProcess {
        try await PeerProcess.run(
            try TLSKitExecutable.path(),
            ["client", "127.0.0.1:\(port)", "--timeout", "120", "--servername", "localhost", "--cafile", fixture.rootPath] + options,
            stdin: stdin.map { Data($0.utf8) }, keepStandardInputOpen: keepInputOpen, timeout: InteropTimeouts.peer)
    }

    /// `openssl s_client` to 127.0.0.1:PORT verifying localhost, `-ign_eof`, with `stdin`.
    func opensslClient(port: UInt16, _ options: [String], stdin: String) async throws -> PeerProcess {
        try await PeerProcess.run(
            try PeerTools.openssl(),
            [
                "s_client", "-tls1_3", "-connect", "127.0.0.1:\(port)", "-servername", "localhost",
                "-verify_hostname", "localhost", "-CAfile", fixture.rootPath, "-verify_return_error", "-ign_eof",
            ] + options,
            stdin: Data(stdin.utf8))
    }

    static func occurrences(of text: String, in output: String) -> Int {
        output.components(separatedBy: text).count - 1
    }

    /// A server configuration allowing 0-RTT, and a copy sharing its ticket keys that does not:
    /// a ticket from the first resumes on the second, whose answer to early data is a rejection.
    func earlyDataConfigurations() throws -> (accepting: TLSServerConfiguration, rejecting: TLSServerConfiguration) {
        var accepting = try fixture.serverConfiguration()
        accepting.maxEarlyDataSize = 16384
        var rejecting = accepting
        rejecting.maxEarlyDataSize = 0
        return (accepting, rejecting)
    }

    // MARK: openssl s_client against TLSKit

    @Test func opensslClientResumesAgainstTheTLSKitServerExecutable() async throws {
        let leaf = try fixture.leaf(.good(.p256))
        let root = path("www")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let server = try await TLSKitServer.start(["--cert", leaf.chainPath, "--key", leaf.keyPath, "--root", root, "--status"])
        defer { server.process.stop() }
        let session = path("openssl-session")

        let first = try await OpenSSLClient.run(port: server.port, caFile: fixture.rootPath, ["-sess_out", session])
        #expect(first.terminationStatus == 0, "\(first.transcript)\n\(server.process.transcript)")
        #expect(first.standardOutput.contains("New, TLSv1.3"), "\(first.transcript)")
        #expect(first.standardOutput.contains("Session:            new"), "\(first.transcript)")

        let second = try await OpenSSLClient.run(port: server.port, caFile: fixture.rootPath, ["-sess_in", session])
        #expect(second.terminationStatus == 0, "\(second.transcript)\n\(server.process.transcript)")
        #expect(second.standardOutput.contains("Reused, TLSv1.3"), "\(second.transcript)")
        #expect(second.standardOutput.contains("HTTP/1.1 200 OK"), "\(second.transcript)")
        #expect(second.standardOutput.contains("Session:            resumed"), "\(second.transcript)")
        #expect(try await server.process.waitForOutput(containing: "sni=localhost resumed"), "\(server.process.transcript)")
    }

    @Test func opensslClientResumesAgainstTheLibraryServer() async throws {
        try await LibraryServer.withServer(try fixture.serverConfiguration()) { server in
            let session = path("openssl-session")
            let first = try await OpenSSLClient.run(port: server.port, caFile: fixture.rootPath, ["-sess_out", session])
            #expect(first.standardOutput.contains("New, TLSv1.3"), "\(first.transcript)")
            let second = try await OpenSSLClient.run(port: server.port, caFile: fixture.rootPath, ["-sess_in", session])
            #expect(second.terminationStatus == 0, "\(second.transcript)")
            #expect(second.standardOutput.contains("Reused, TLSv1.3"), "\(second.transcript)")
            #expect(second.standardOutput.contains("TLSKit library server"), "\(second.transcript)")
            let deadline = ContinuousClock.now + InteropTimeouts.peer
            while server.log.summaries.count < 2, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            let summaries = server.log.summaries
            #expect(summaries.map(\.resumed) == [false, true], "\(server.log.all)")
            // A resumed handshake signs nothing and sees no certificate.
            #expect(summaries.last?.localSignatureScheme == nil)
            #expect(summaries.last?.group != nil, "psk_dhe_ke by default")
        }
    }

    @Test func opensslClientEarlyDataIsAcceptedByTheTLSKitServerExecutable() async throws {
        let leaf = try fixture.leaf(.good(.p256))
        let root = path("www")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let server = try await TLSKitServer.start([
            "--cert", leaf.chainPath, "--key", leaf.keyPath, "--root", root, "--status", "--early-data",
        ])
        defer { server.process.stop() }
        let session = path("openssl-session")
        let first = try await OpenSSLClient.run(port: server.port, caFile: fixture.rootPath, ["-sess_out", session])
        #expect(first.standardOutput.contains("Max Early Data: 16384"), "\(first.transcript)")

        // The whole GET goes in 0-RTT; nothing more on stdin.
        let request = try write(OpenSSLClient.request, "early-request")
        let second = try await opensslClient(port: server.port, ["-sess_in", session, "-early_data", request], stdin: "")
        #expect(second.terminationStatus == 0, "\(second.transcript)\n\(server.process.transcript)")
        let output = second.standardOutput
        #expect(output.contains("Reused, TLSv1.3"), "\(second.transcript)")
        #expect(output.contains("Early data was accepted"), "\(second.transcript)")
        #expect(Self.occurrences(of: "HTTP/1.1 200 OK", in: output) == 1, "\(second.transcript)")
        #expect(output.contains("Session:            resumed"), "\(second.transcript)")
        #expect(output.contains("Early data:         accepted"), "\(second.transcript)")
        #expect(try await server.process.waitForOutput(containing: "resumed early-data=accepted"), "\(server.process.transcript)")
    }

    @Test func opensslClientEarlyDataArrivesOnceAndInOrder() async throws {
        let server = try await EarlyDataRecordingServer.start(configuration: try earlyDataConfigurations().accepting)
        let session = path("openssl-session")
        let first = try await opensslClient(port: server.port, ["-sess_out", session], stdin: "END\n")
        #expect(first.standardOutput.contains("resumed=no"), "\(first.transcript)")

        let early = try write("EARLY-MARKER-1\n", "early")
        let second = try await opensslClient(port: server.port, ["-sess_in", session, "-early_data", early], stdin: "LATE-2\nEND\n")
        #expect(second.standardOutput.contains("Early data was accepted"), "\(second.transcript)")
        #expect(second.standardOutput.contains("resumed=yes early-data=accepted"), "\(second.transcript)")
        let connections = try await server.waitForConnections(2)
        await server.stop()
        #expect(connections[1].received == "EARLY-MARKER-1\nLATE-2\nEND\n")
        #expect(connections[1].summary.earlyDataAccepted == true)
        #expect(connections[1].summary.resumed)
    }

    @Test func opensslClientEarlyDataRejectedByAServerNotConfiguredForIt() async throws {
        let (accepting, rejecting) = try earlyDataConfigurations()
        let issuer = try await EarlyDataRecordingServer.start(configuration: accepting)
        let server = try await EarlyDataRecordingServer.start(configuration: rejecting)
        let session = path("openssl-session")
        let first = try await opensslClient(port: issuer.port, ["-sess_out", session], stdin: "END\n")
        #expect(first.standardOutput.contains("Max Early Data: 16384"), "\(first.transcript)")

        let early = try write("EARLY-MARKER-9\n", "early")
        let second = try await opensslClient(port: server.port, ["-sess_in", session, "-early_data", early], stdin: "LATE-9\nEND\n")
        #expect(second.standardOutput.contains("Reused, TLSv1.3"), "\(second.transcript)")
        #expect(second.standardOutput.contains("Early data was rejected"), "\(second.transcript)")
        #expect(second.standardOutput.contains("resumed=yes early-data=rejected"), "\(second.transcript)")
        let connections = try await server.waitForConnections(1)
        await issuer.stop()
        await server.stop()
        // s_client does not send rejected early data again; the server delivered none of it.
        #expect(connections[0].received == "LATE-9\nEND\n")
        #expect(connections[0].summary.earlyDataAccepted == false)
    }

    // MARK: tlskit client against openssl s_server

    @Test func tlskitClientResumesAgainstOpenSSLServer() async throws {
        let (server, port) = try await OpenSSLServer.start(serving: try fixture.leaf(.good(.p256)), ["-www"])
        defer { server.stop() }
        let session = path("tlskit-session")

        let first = try await tlskitClient(port: port, ["--http", "/", "--sess-out", session])
        #expect(first.terminationStatus == 0, "\(first.transcript)\n\(server.transcript)")
        #expect(first.standardError.contains("New, TLSv1.3, Cipher is"), "\(first.transcript)")
        var information = stat()
        #expect(stat(session, &information) == 0)
        #expect(information.st_mode & 0o777 == 0o600, "session files hold secrets")

        let second = try await tlskitClient(port: port, ["--http", "/", "--sess-in", session])
        #expect(second.terminationStatus == 0, "\(second.transcript)\n\(server.transcript)")
        #expect(second.standardError.contains("Reused, TLSv1.3, Cipher is"), "\(second.transcript)")
        #expect(second.standardError.contains("Verification:      no certificate checked"), "\(second.transcript)")
        #expect(second.standardOutput.contains("Reused, TLSv1.3"), "s_server's page: \(second.transcript)")
    }

    @Test func tlskitClientReconnectsResumingEachTime() async throws {
        let (server, port) = try await OpenSSLServer.start(serving: try fixture.leaf(.good(.p256)), ["-www"])
        defer { server.stop() }
        let client = try await tlskitClient(port: port, ["--http", "/", "--reconnect", "2"])
        #expect(client.terminationStatus == 0, "\(client.transcript)\n\(server.transcript)")
        let report = client.standardError
        #expect(report.contains("Connection 1: full handshake, New, TLSv1.3"), "\(client.transcript)")
        #expect(report.contains("Connection 2: resumed handshake, Reused, TLSv1.3"), "\(client.transcript)")
        #expect(report.contains("Connection 3: resumed handshake, Reused, TLSv1.3"), "\(client.transcript)")
        #expect(Self.occurrences(of: "HTTP/1.0 200 ok", in: client.standardOutput) == 3, "\(client.transcript)")
    }

    @Test func tlskitClientEarlyDataIsAcceptedByOpenSSLServer() async throws {
        // s_server without -www quits at the end of its standard input: keep it open.
        let leaf = try fixture.leaf(.good(.p256))
        let port = try FreePort.allocate()
        let server = try PeerProcess(
            try PeerTools.openssl(),
            [
                "s_server", "-tls1_3", "-accept", "\(port)", "-cert", leaf.certificatePath, "-key", leaf.keyPath,
                "-cert_chain", try #require(leaf.intermediatePath), "-early_data",
            ],
            keepStandardInputOpen: true)
        defer { server.stop() }
        try await server.waitUntilListening(port: port)
        let session = path("tlskit-session")
        let first = try await tlskitClient(port: port, ["--sess-out", session])
        #expect(first.terminationStatus == 0, "\(first.transcript)\n\(server.transcript)")

        let early = try write("EARLY-MARKER-7\n", "early")
        let second = try await tlskitClient(port: port, ["--sess-in", session, "--early-data", early], stdin: "LATE-MARKER-7\n")
        #expect(second.terminationStatus == 0, "\(second.transcript)\n\(server.transcript)")
        #expect(second.standardError.contains("Reused, TLSv1.3"), "\(second.transcript)")
        #expect(second.standardError.contains("Early data accepted"), "\(second.transcript)")
        #expect(try await server.waitForOutput(containing: "LATE-MARKER-7"), "\(server.transcript)")
        let output = server.standardOutput
        #expect(output.contains("Early data received:"), "\(server.transcript)")
        #expect(output.contains("Reused session-id"), "\(server.transcript)")
        #expect(Self.occurrences(of: "EARLY-MARKER-7", in: output) == 1, "\(server.transcript)")
    }

    // MARK: early data rejected: TLSKit's client sends it again, once

    @Test func tlskitClientEarlyDataRejectedArrivesExactlyOnce() async throws {
        let (accepting, rejecting) = try earlyDataConfigurations()
        let issuer = try await EarlyDataRecordingServer.start(configuration: accepting)
        let server = try await EarlyDataRecordingServer.start(configuration: rejecting)
        let session = path("tlskit-session")
        let first = try await tlskitClient(port: issuer.port, ["--sess-out", session], stdin: "END\n", keepInputOpen: true)
        #expect(first.terminationStatus == 0, "\(first.transcript)")

        let early = try write("EARLY-MARKER-8\n", "early")
        let second = try await tlskitClient(
            port: server.port, ["--sess-in", session, "--early-data", early], stdin: "LATE-8\nEND\n", keepInputOpen: true)
        #expect(second.terminationStatus == 0, "\(second.transcript)")
        #expect(second.standardError.contains("Reused, TLSv1.3"), "\(second.transcript)")
        #expect(second.standardError.contains("Early data rejected (sent again after the handshake)"), "\(second.transcript)")
        #expect(second.standardOutput == "resumed=yes early-data=rejected\n", "\(second.transcript)")
        let connections = try await server.waitForConnections(1)
        await issuer.stop()
        await server.stop()
        #expect(connections[0].received == "EARLY-MARKER-8\nLATE-8\nEND\n")
    }

    @Test func tlsClientSendsEarlyDataAcceptedOrRejectedExactlyOnce() async throws {
        let (accepting, rejecting) = try earlyDataConfigurations()
        let issuer = try await EarlyDataRecordingServer.start(configuration: accepting)
        let server = try await EarlyDataRecordingServer.start(configuration: rejecting)
        let cache = InMemoryClientSessionCache()
        var configuration = InteropClient.configuration(trusting: fixture)
        configuration.sessionCache = cache
        configuration.enableEarlyData = true
        let key = ClientSessionKey(serverName: "localhost", applicationProtocols: [])

        func exchange(port: UInt16, session: ClientSession?, early: String?, then late: String) async throws -> (HandshakeSummary, String) {
            let connection = try await TLSClient.connect(
                host: "127.0.0.1", port: Int(port), serverName: "localhost", configuration: configuration,
                handshakeTimeout: InteropTimeouts.handshake, resuming: session,
                earlyData: early.map { ByteBuffer(string: $0) })
            let answer = try await InteropClient.exchange(connection, sending: Array(late.utf8))
            return (connection.summary, String(decoding: answer, as: UTF8.self))
        }

        let (full, _) = try await exchange(port: issuer.port, session: nil, early: nil, then: "END\n")
        #expect(!full.resumed)
        let first = try #require(cache.latestSession(for: key), "the server's tickets are in the cache")
        #expect(first.allowsEarlyData)

        let (accepted, acceptedAnswer) = try await exchange(port: issuer.port, session: first, early: "EARLY-A\n", then: "END\n")
        #expect(accepted.resumed)
        #expect(accepted.earlyDataAccepted == true)
        #expect(acceptedAnswer == "resumed=yes early-data=accepted\n")

        let second = try #require(cache.take(for: key, now: Date()))
        let (rejected, rejectedAnswer) = try await exchange(port: server.port, session: second, early: "EARLY-B\n", then: "END\n")
        #expect(rejected.resumed)
        #expect(rejected.earlyDataAccepted == false)
        #expect(rejectedAnswer == "resumed=yes early-data=rejected\n")

        // More than the ticket allows: 0-RTT is not offered, the data goes after the handshake.
        let third = try #require(cache.take(for: key, now: Date()))
        let big = String(repeating: "x", count: Int(third.maxEarlyDataSize) + 1) + "\n"
        let (notOffered, _) = try await exchange(port: issuer.port, session: third, early: big, then: "END\n")
        #expect(notOffered.resumed)
        #expect(notOffered.earlyDataAccepted == nil)

        let issued = try await issuer.waitForConnections(3)
        let rejectedSide = try await server.waitForConnections(1)
        await issuer.stop()
        await server.stop()
        #expect(issued[1].received == "EARLY-A\nEND\n")
        #expect(issued[2].received == big + "END\n")
        #expect(rejectedSide[0].received == "EARLY-B\nEND\n")
    }

    // MARK: replay

    /// The first flight of a 0-RTT client (ClientHello and early data), recorded and sent on two
    /// TCP connections to the library server: the server delivers the early data of the first
    /// only; it answers the replay (in 1-RTT) without delivering the data again.
    @Test func replayedEarlyDataClientHelloIsRefused() async throws {
        let (configuration, _) = try earlyDataConfigurations()
        let log = ReadLog()
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bindTLS(host: "127.0.0.1", port: 0, configuration: configuration) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ReadRecorder(log: log))
                }
            }
            .get()
        defer { server.close(promise: nil) }
        let port = try #require(server.localAddress?.port)

        // A ticket from a real handshake.
        let cache = InMemoryClientSessionCache()
        var clientConfiguration = InteropClient.configuration(trusting: fixture)
        clientConfiguration.sessionCache = cache
        clientConfiguration.enableEarlyData = true
        let key = ClientSessionKey(serverName: "localhost", applicationProtocols: [])
        let connection = try await TLSClient.connect(
            host: "127.0.0.1", port: port, serverName: "localhost", configuration: clientConfiguration,
            handshakeTimeout: InteropTimeouts.handshake)
        let deadline = ContinuousClock.now + InteropTimeouts.peer
        while cache.latestSession(for: key) == nil, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        try await connection.close()
        let session = try #require(cache.latestSession(for: key))

        var client = try TLSConnection(configuration: clientConfiguration, serverName: "localhost", resuming: session)
        try client.writeEarlyData(ByteBuffer(string: "REPLAY-MARKER\n"))
        var flight = ByteBuffer()
        while let action = try client.nextAction() {
            if case .send(var bytes) = action { flight.writeBuffer(&bytes) }
        }

        for attempt in 1...2 {
            let answer = try await Self.sendRaw(flight, port: port)
            #expect(answer > 0, "attempt \(attempt): the server answers the ClientHello")
        }
        let reads = log.all
        let markers = reads.map { Self.occurrences(of: "REPLAY-MARKER", in: $0) }
        #expect(markers.reduce(0, +) == 1, "\(reads)")
        #expect(markers.count >= 3 && markers[1] == 1, "the original flight's data was delivered: \(reads)")
    }

    /// Sends `bytes` on a new plain TCP connection, waits for the first bytes back, closes;
    /// returns how many arrived.
    static func sendRaw(_ bytes: ByteBuffer, port: Int) async throws -> Int {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await Deadline.run("the server's answer", timeout: InteropTimeouts.peer) {
            try await channel.executeThenClose { inbound, outbound in
                try await outbound.write(bytes)
                for try await chunk in inbound {
                    return chunk.readableBytes
                }
                return 0
            }
        }
    }
}

/// What each server connection's application handler read, one entry per connection.
final class ReadLog: Sendable {
    private let entries = Mutex<[String]>([])

    var all: [String] { entries.withLock { $0 } }

    func open() -> Int {
        entries.withLock { entries in
            entries.append("")
            return entries.count - 1
        }
    }

    func append(_ text: String, at index: Int) {
        entries.withLock { $0[index] += text }
    }
}

/// Records the plaintext a server connection delivers, after `TLSHandler`.
final class ReadRecorder: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    let log: ReadLog
    private var index: Int?

    init(log: ReadLog) { self.log = log }

    func handlerAdded(context: ChannelHandlerContext) {
        index = log.open()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard let index else { return }
        log.append(String(buffer: unwrapInboundIn(data)), at: index)
    }
}
