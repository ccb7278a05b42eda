import NIOCore
import NIOEmbedded
import TLSKit
import Testing

@testable import TLSKitNIO

@Suite struct HandshakeCompletionHandlerTests {
    let script = ConnectionScript()

    func makeChannel(promise: @escaping @Sendable (any EventLoop) -> EventLoopPromise<HandshakeSummary>)
        async throws -> (NIOAsyncTestingChannel, EventLoopFuture<HandshakeSummary>)
    {
        let loop = NIOAsyncTestingEventLoop()
        let handshake = promise(loop)
        let script = self.script
        let channel = try await NIOAsyncTestingChannel(loop: loop) { channel in
            let handler = TLSHandler(
                connection: ScriptedConnection(script: script), role: .client, verifier: nil, handshakeTimeout: .seconds(5))
            try channel.pipeline.syncOperations.addHandler(handler)
            try channel.pipeline.syncOperations.addHandler(HandshakeCompletionHandler(promise: handshake))
        }
        try await channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 443)).get()
        return (channel, handshake.futureResult)
    }

    @Test func completesWithTheSummary() async throws {
        let (channel, handshake) = try await self.makeChannel { $0.makePromise() }
        self.script.push(.handshakeCompleted(TLSHandlerTests.summary))
        try await channel.writeInbound(ByteBuffer(string: "server flight"))
        #expect(try await handshake.get() == TLSHandlerTests.summary)
        // A completed handshake is not timed out later.
        await channel.testingEventLoop.advanceTime(by: .seconds(10))
        #expect(channel.isActive)
    }

    @Test func failsWithTheHandshakeError() async throws {
        let (channel, handshake) = try await self.makeChannel { $0.makePromise() }
        let error = TLSError(code: .alertReceived, reason: "the server sent handshake_failure", alert: .handshakeFailure)
        self.script.state.withLock { $0.error = error }
        // The error also reaches the end of the pipeline, where the testing channel rethrows it.
        _ = try? await channel.writeInbound(ByteBuffer(string: "alert"))
        await #expect(throws: error) { try await handshake.get() }
    }

    /// TLSHandler's handshake timeout (`TLSResourceLimits.handshakeTimeout`) fails the
    /// promise with `.handshakeTimeout` and closes the channel.
    @Test func timesOutAndCloses() async throws {
        let (channel, handshake) = try await self.makeChannel { $0.makePromise() }
        await channel.testingEventLoop.advanceTime(by: .seconds(4))
        #expect(channel.isActive)
        await channel.testingEventLoop.advanceTime(by: .seconds(2))
        let error = await #expect(throws: TLSError.self) { try await handshake.get() }
        #expect(error?.code == .handshakeTimeout)
        #expect(error?.reason.contains("did not complete within 5.0 seconds") == true)
        try await channel.closeFuture.get()
    }
}
