import NIOCore
import NIOPosix
import Synchronization
import TLSKit
import Testing

@testable import TLSKitNIO

/// `TLSServer` on a real socket: a client whose handshake fails is closed and logged, and the
/// server goes on accepting. (Completed handshakes are covered by the interop tests.)
@Suite struct TLSServerTests {
    /// Reads until the server closes; records whether it did.
    final class ClosedRecorder: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let closed: EventLoopPromise<Void>
        init(closed: EventLoopPromise<Void>) { self.closed = closed }
        func channelInactive(context: ChannelHandlerContext) {
            self.closed.succeed()
            context.fireChannelInactive()
        }
    }

    static func configuration() throws -> TLSServerConfiguration {
        let pki = try DevelopmentPKI.generate()
        let leaf = try pki.issueLeaf()
        let key = try TLSSigningKey(pemEncoded: leaf.privateKeyPEM)
        let identity = try TLSCertificateIdentity(chain: [leaf.certificate, pki.intermediate.certificate], privateKey: key)
        return .modern(identities: [identity])
    }

    /// Connects, sends bytes that are no ClientHello, and waits until the server closes.
    static func sendGarbage(to port: Int) async throws {
        let group = MultiThreadedEventLoopGroup.singleton
        let closed = group.next().makePromise(of: Void.self)
        let channel = try await ClientBootstrap(group: group)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ClosedRecorder(closed: closed))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        try? await channel.writeAndFlush(ByteBuffer(string: "GET / HTTP/1.1\r\nHost: x\r\n\r\n")).get()
        try await closed.futureResult.get()
    }

    @Test func failedHandshakesDoNotStopTheServer() async throws {
        let server = try await TLSServer.bind(
            host: "127.0.0.1", port: 0, configuration: try Self.configuration(), handshakeTimeout: .seconds(5))
        let port = try #require(server.localAddress?.port)
        try await Self.sendGarbage(to: port)
        try await Self.sendGarbage(to: port)
        #expect(server.channel.isActive)

        try await server.close()
        var received = 0
        for await _ in server.connections { received += 1 }
        #expect(received == 0)
    }

    @Test func describesAddresses() throws {
        #expect(TLSServer.describe(try SocketAddress(ipAddress: "127.0.0.1", port: 54321)) == "127.0.0.1:54321")
        #expect(TLSServer.describe(try SocketAddress(ipAddress: "::1", port: 8443)) == "[::1]:8443")
        #expect(TLSServer.describe(nil) == "unknown")
    }
}
