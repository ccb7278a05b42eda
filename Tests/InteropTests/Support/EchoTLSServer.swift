import NIOCore
import Synchronization
import TLSKit
import TLSKitNIO

/// A `TLSServer` on 127.0.0.1 that echoes what each client sends and records, per connection,
/// the keying material it exports right after the handshake.
final class EchoTLSServer: Sendable {
    let server: TLSServer
    let port: UInt16
    private final class Exports: Sendable {
        let values = Mutex<[[UInt8]]>([])
    }

    private let exports = Exports()
    private let task: Task<Void, Never>

    /// Exported values, in the order the connections arrived.
    var exported: [[UInt8]] { exports.values.withLock { $0 } }

    init(serving leaf: FixtureLeaf, exportLabel: String, exportLength: Int) async throws {
        let identity = try TLSCertificateIdentity(certificatePEMFile: leaf.chainPath, privateKeyPEMFile: leaf.keyPath)
        let server = try await TLSServer.bind(
            host: "127.0.0.1", port: 0, configuration: TLSServerConfiguration(identities: [identity]),
            handshakeTimeout: InteropTimeouts.handshake)
        self.server = server
        self.port = UInt16(server.localAddress?.port ?? 0)
        let exports = self.exports
        self.task = Task {
            await withDiscardingTaskGroup { group in
                for await connection in server.connections {
                    group.addTask {
                        if let value = try? await connection.exportKeyingMaterial(label: exportLabel, length: exportLength) {
                            exports.values.withLock { $0.append(value) }
                        }
                        try? await connection.executeThenClose { inbound, outbound in
                            for try await chunk in inbound {
                                try await outbound.write(chunk)
                            }
                        }
                    }
                }
            }
        }
    }

    func stop() async {
        try? await server.close()
        task.cancel()
    }
}
