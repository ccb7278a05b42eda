import NIOCore
import NIOPosix
import TLSKit
import Testing

@testable import TLSKitNIO

/// `TLSClient` and `ClientBootstrap.connectTLS` over real sockets on 127.0.0.1, against a
/// listener that accepts and never answers (a full handshake needs a real TLS peer: see InteropTests).
@Suite struct TLSClientTests {
    struct RejectAll: CertificateVerifier {
        func verify(_ request: CertificateVerificationRequest) async -> CertificateVerificationResult {
            .rejected(TLSError(code: .certificateUnknownIssuer, reason: "test"))
        }
    }

    /// A TCP listener that accepts connections and ignores them.
    func silentServer() async throws -> any Channel {
        try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0).get()
    }

    @Test func handshakeTimesOutAgainstASilentServer() async throws {
        let server = try await self.silentServer()
        let port = try #require(server.localAddress?.port)
        let configuration = TLSClientConfiguration(certificateVerifier: RejectAll())
        await #expect {
            _ = try await TLSClient.connect(
                host: "127.0.0.1", port: port, configuration: configuration, handshakeTimeout: .milliseconds(200))
        } throws: { error in
            (error as? TLSError)?.reason.contains("did not complete") == true
        }
        try await server.close()
    }

    @Test func refusedConnectionThrows() async throws {
        let server = try await self.silentServer()
        let port = try #require(server.localAddress?.port)
        try await server.close()
        let configuration = TLSClientConfiguration(certificateVerifier: RejectAll())
        await #expect(throws: (any Error).self) {
            _ = try await TLSClient.connect(host: "127.0.0.1", port: port, configuration: configuration)
        }
    }

    @Test func connectTLSPutsTheHandlerFirst() async throws {
        let server = try await self.silentServer()
        let port = try #require(server.localAddress?.port)
        let configuration = TLSClientConfiguration(certificateVerifier: RejectAll())
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTLS(host: "127.0.0.1", port: port, configuration: configuration)
            .get()
        let handler = try await channel.pipeline.handler(type: TLSHandler.self).map { _ in true }.get()
        #expect(handler)
        try await channel.close()
        try await server.close()
    }
}
