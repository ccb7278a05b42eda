import NIOCore
import Synchronization
import Testing
@testable import TLSKit

/// RFC 6066, Section 3: a server that uses the client's server_name says so with an empty
/// server_name extension in its ServerHello, and never in a resumed handshake's.
@Suite struct TLS12ServerNameAcknowledgementTests {
    let fixture: ServerTestPKI

    init() throws {
        fixture = try ServerTestPKI.get()
    }

    /// A TLS 1.2 pair to `serverName` whose ServerHello's extension types are recorded.
    func run(
        serverName: String, client: TLSClientConfiguration? = nil, server: TLSServerConfiguration? = nil
    ) async throws -> (pipe: ConnectionPipe, serverHelloExtensions: [ExtensionType]) {
        var clientConfiguration = client ?? fixture.clientConfiguration()
        clientConfiguration.versions = [.tls12]
        var serverConfiguration = try server ?? fixture.serverConfiguration()
        serverConfiguration.versions = [.tls12]
        let seen = Mutex<[ExtensionType]>([])
        var pipe = try ConnectionPipe(client: clientConfiguration, serverName: serverName, server: serverConfiguration)
        // The server's bytes go through unchanged; the ServerHello that starts its first
        // handshake record is decoded on the way.
        pipe.serverToClient = { bytes in
            for (type, fragment) in try TestRecords.split(bytes)
            where type == .handshake && fragment.getInteger(at: fragment.readerIndex, as: UInt8.self) == 2 {
                var body = fragment
                _ = try body.readTLSUInt8()
                if case .serverHello(let hello) = try HandshakeMessage.decode(
                    type: .serverHello, body: try body.readTLSVector24("ServerHello"))
                {
                    seen.withLock { $0 = hello.extensions.map(\.type) }
                }
            }
            return bytes
        }
        try await pipe.run()
        return (pipe, seen.withLock { $0 })
    }

    @Test func aFullHandshakeAcknowledgesTheNameThatChoseTheCertificate() async throws {
        let (pipe, extensions) = try await run(serverName: "localhost")
        #expect(pipe.client.summary?.version == .tls12, "\(String(describing: pipe.client.error)) / \(String(describing: pipe.server.error))")
        #expect(extensions.contains(.serverName))
    }

    @Test func aNameNoCertificateCoversIsNotAcknowledged() async throws {
        let (_, extensions) = try await run(serverName: "other.example")
        #expect(!extensions.isEmpty)
        #expect(!extensions.contains(.serverName))
    }

    @Test func aResumedHandshakeDoesNotAcknowledge() async throws {
        var client = fixture.clientConfiguration()
        client.sessionCache = InMemoryClientSessionCache()
        var server = try fixture.serverConfiguration()
        server.ticketCount = 0
        server.sessionCache = TLS12SessionCache()
        let (first, firstExtensions) = try await run(serverName: "localhost", client: client, server: server)
        #expect(first.client.summary?.resumed == false)
        #expect(firstExtensions.contains(.serverName))
        let (second, secondExtensions) = try await run(serverName: "localhost", client: client, server: server)
        #expect(second.client.summary?.resumed == true)
        #expect(!secondExtensions.contains(.serverName))
    }
}
