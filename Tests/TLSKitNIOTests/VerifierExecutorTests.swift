import NIOCore
import NIOPosix
import Synchronization
import TLSKit
import Testing

@testable import TLSKitNIO

/// The certificate verifier runs on the channel's event loop, not on Swift's cooperative pool,
/// so a pool busy with other work cannot hold a paused handshake until it times out.
@Suite struct VerifierExecutorTests {
    /// Delegates to the default verifier and records whether it ran on an event loop thread.
    final class EventLoopRecordingVerifier: CertificateVerifier {
        let inner: DefaultCertificateVerifier
        let ranOnEventLoop = Mutex<[Bool]>([])

        init(trusting root: DevelopmentIdentity) {
            inner = DefaultCertificateVerifier(trustRoots: .certificates([root.certificate]))
        }

        func verify(_ request: CertificateVerificationRequest) async -> CertificateVerificationResult {
            ranOnEventLoop.withLock { $0.append(MultiThreadedEventLoopGroup.currentEventLoop != nil) }
            let result = await inner.verify(request)
            ranOnEventLoop.withLock { $0.append(MultiThreadedEventLoopGroup.currentEventLoop != nil) }
            return result
        }
    }

    @Test func clientVerifierRunsOnTheEventLoop() async throws {
        let localhost = try LocalhostServerIdentity()
        let identity = localhost.identity
        let server = try await TLSServer.bind(host: "127.0.0.1", port: 0, configuration: .modern(identities: [identity]))
        let port = try #require(server.localAddress?.port)
        let verifier = EventLoopRecordingVerifier(trusting: localhost.pki.root)

        let connection = try await TLSClient.connect(
            host: "127.0.0.1", port: port, serverName: "localhost",
            configuration: TLSClientConfiguration(certificateVerifier: verifier))
        #expect(connection.summary.version == .tls13)
        #expect(verifier.ranOnEventLoop.withLock { $0 } == [true, true])
        // Take the server's side too: an async channel released unused traps in NIO.
        var accepted = server.connections.makeAsyncIterator()
        let serverSide = try #require(await accepted.next())
        try await serverSide.close()
        try await connection.close()
        try await server.close()
    }
}
