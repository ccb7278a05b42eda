import Logging
import NIOCore
import Synchronization
import TLSKit
import TLSKitNIO

/// TLSKit's library server (`TLSServer.bind` on 127.0.0.1) that records, per connection, the
/// handshake summary and every byte the client sent, for the 0-RTT tests: a test can then tell
/// that early data arrived exactly once and before what followed.
///
/// Each connection reads until it has seen `END\n`, answers one line
/// (`resumed=yes early-data=accepted\n`), sends close_notify, and goes on reading until the
/// client closes, so anything sent twice would still be recorded.
final class EarlyDataRecordingServer: Sendable {
    struct Connection: Sendable {
        var summary: HandshakeSummary
        var received: String
    }

    let server: TLSServer
    let port: UInt16
    private let connections = Mutex<[Connection]>([])
    private let acceptLoop = Mutex<Task<Void, Never>?>(nil)

    static let terminator = "END\n"

    private init(server: TLSServer, port: UInt16) {
        self.server = server
        self.port = port
    }

    static func start(configuration: TLSServerConfiguration) async throws -> EarlyDataRecordingServer {
        let server = try await TLSServer.bind(
            host: "127.0.0.1", port: 0, configuration: configuration, handshakeTimeout: InteropTimeouts.handshake,
            logger: Logger(label: "interop.early-data-server") { _ in SwiftLogNoOpLogHandler() })
        guard let port = server.localAddress?.port, let port16 = UInt16(exactly: port) else {
            try await server.close()
            throw ChannelError.unknownLocalAddress
        }
        let recording = EarlyDataRecordingServer(server: server, port: port16)
        let loop = Task {
            await withDiscardingTaskGroup { group in
                for await connection in server.connections {
                    group.addTask { await recording.serve(connection) }
                }
            }
        }
        recording.acceptLoop.withLock { $0 = loop }
        return recording
    }

    /// The line a connection is answered with.
    static func answer(_ summary: HandshakeSummary) -> String {
        let earlyData = summary.earlyDataAccepted.map { $0 ? "accepted" : "rejected" } ?? "none"
        return "resumed=\(summary.resumed ? "yes" : "no") early-data=\(earlyData)\n"
    }

    private func serve(_ connection: TLSServerConnection) async {
        var received: [UInt8] = []
        do {
            try await connection.executeThenClose { inbound, outbound in
                var answered = false
                for try await chunk in inbound {
                    received += chunk.readableBytesView
                    if received.count > 1 << 20 { return }
                    if !answered, String(decoding: received, as: UTF8.self).contains(Self.terminator) {
                        answered = true
                        try await outbound.write(ByteBuffer(string: Self.answer(connection.summary)))
                        outbound.finish()
                    }
                }
            }
        } catch {
            // The client closed without close_notify after our answer: what arrived is recorded.
        }
        let record = Connection(summary: connection.summary, received: String(decoding: received, as: UTF8.self))
        connections.withLock { $0.append(record) }
    }

    /// The connections that have ended, in the order they ended.
    var recorded: [Connection] { connections.withLock { $0 } }

    /// Waits until `count` connections have ended (up to `timeout`) and returns them.
    func waitForConnections(_ count: Int, timeout: Duration = InteropTimeouts.peer) async throws -> [Connection] {
        let deadline = ContinuousClock.now + timeout
        while recorded.count < count {
            if ContinuousClock.now >= deadline {
                throw PeerProcess.Failure(description: "only \(recorded.count) of \(count) connections ended: \(recorded)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return recorded
    }

    func stop() async {
        try? await server.close()
        await acceptLoop.withLock { $0 }?.value
    }
}
