import NIOCore
import NIOEmbedded
import NIOTLS
import Synchronization
import TLSKit
import Testing

@testable import TLSKitNIO

/// `TLSHandler`'s I/O logic against a scripted connection (see `ScriptedConnection`).
@Suite struct TLSHandlerTests {
    let script = ConnectionScript()
    let recorder = EventRecorder()
    let halfClose = HalfCloseRecorder()

    static let summary = HandshakeSummary(
        version: .tls13, cipherSuite: .tlsAES128GCMSHA256, group: .x25519, signatureScheme: .ed25519,
        applicationProtocol: "h2", helloRetryRequested: false, serverName: "example.com",
        peerCertificates: [[1, 2, 3]], verification: .trusted(chain: [[1, 2, 3]]))

    struct ChainEchoVerifier: CertificateVerifier {
        func verify(_ request: CertificateVerificationRequest) async -> CertificateVerificationResult {
            await Task.yield()
            return .trusted(chain: request.chain)
        }
    }

    /// A connected channel with `TLSHandler` and the recorder; the ClientHello has been read.
    func connectedChannel(verifier: (any CertificateVerifier)? = nil) async throws -> NIOAsyncTestingChannel {
        self.script.push(.send(ByteBuffer(string: "ClientHello")))
        let script = self.script
        let recorder = self.recorder
        let halfClose = self.halfClose
        let channel = try await NIOAsyncTestingChannel { channel in
            try channel.pipeline.syncOperations.addHandler(halfClose)
            let handler = TLSHandler(connection: ScriptedConnection(script: script), role: .client, verifier: verifier)
            try channel.pipeline.syncOperations.addHandler(handler)
            try channel.pipeline.syncOperations.addHandler(recorder)
        }
        try await channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 443)).get()
        #expect(try await channel.readOutbound(as: ByteBuffer.self) == ByteBuffer(string: "ClientHello"))
        return channel
    }

    func completeHandshake(_ channel: NIOAsyncTestingChannel) async throws {
        self.script.push(.send(ByteBuffer(string: "Finished")), .handshakeCompleted(Self.summary))
        try await channel.writeInbound(ByteBuffer(string: "server flight"))
        #expect(try await channel.readOutbound(as: ByteBuffer.self) == ByteBuffer(string: "Finished"))
    }

    /// Records whether and how a write's promise completed.
    final class Completion: Sendable {
        let result = Mutex<Result<Void, TLSError>?>(nil)

        init(_ future: EventLoopFuture<Void>) {
            future.whenComplete { result in
                self.result.withLock {
                    $0 = result.mapError { $0 as? TLSError ?? TLSError(code: .internalError, reason: "\($0)") }
                }
            }
        }

        var isComplete: Bool { self.result.withLock { $0 != nil } }
        var succeeded: Bool { self.result.withLock { if case .success = $0 { true } else { false } } }
        var error: TLSError? { self.result.withLock { if case .failure(let e) = $0 { e } else { nil } } }
    }

    @Test func sendsClientHelloWhenActive() async throws {
        let channel = try await self.connectedChannel()
        #expect(try await channel.readOutbound(as: ByteBuffer.self) == nil)
        #expect(channel.isActive)
    }

    @Test func buffersWritesUntilHandshakeCompletes() async throws {
        let channel = try await self.connectedChannel()
        let first = Completion(channel.write(ByteBuffer(string: "GET /")))
        let second = Completion(channel.writeAndFlush(ByteBuffer(string: "more")))
        await channel.testingEventLoop.run()
        #expect(try await channel.readOutbound(as: ByteBuffer.self) == nil)
        #expect(!first.isComplete)
        #expect(!second.isComplete)

        try await self.completeHandshake(channel)
        #expect(try await channel.readOutbound(as: ByteBuffer.self) == ByteBuffer(string: "record(GET /)"))
        #expect(try await channel.readOutbound(as: ByteBuffer.self) == ByteBuffer(string: "record(more)"))
        await channel.testingEventLoop.run()
        #expect(first.succeeded)
        #expect(second.succeeded)
        #expect(self.script.state.withLock(\.received) == ["server flight"])
    }

    @Test func firesHandshakeEventsWithALPN() async throws {
        let channel = try await self.connectedChannel()
        try await self.completeHandshake(channel)
        let recorded = self.recorder.recorded.withLock { $0 }
        #expect(recorded.tlsEvents == [.handshakeCompleted(negotiatedProtocol: "h2")])
        #expect(recorded.summaries == [Self.summary])
        let summary = try await channel.pipeline.handler(type: TLSHandler.self).map { $0.handshakeSummary }.get()
        #expect(summary == Self.summary)
    }

    @Test func encryptsWritesAndDeliversPlaintextAfterHandshake() async throws {
        let channel = try await self.connectedChannel()
        try await self.completeHandshake(channel)
        try await channel.writeAndFlush(ByteBuffer(string: "ping")).get()
        #expect(try await channel.readOutbound(as: ByteBuffer.self) == ByteBuffer(string: "record(ping)"))

        self.script.push(.deliver(ByteBuffer(string: "pong")))
        try await channel.writeInbound(ByteBuffer(string: "ciphertext"))
        #expect(self.recorder.recorded.withLock(\.reads) == ["pong"])
    }

    @Test func verifiesAsynchronouslyAndResumes() async throws {
        let channel = try await self.connectedChannel(verifier: ChainEchoVerifier())
        let request = CertificateVerificationRequest(chain: [[9, 9]], serverName: "example.com", purpose: .serverAuth)
        self.script.state.withLock {
            $0.actions.append(.verifyPeer(request))
            $0.afterVerification = [.send(ByteBuffer(string: "Finished")), .handshakeCompleted(Self.summary)]
        }
        try await channel.writeInbound(ByteBuffer(string: "Certificate"))
        let finished = try await channel.waitForOutboundWrite(as: ByteBuffer.self)
        #expect(finished == ByteBuffer(string: "Finished"))
        #expect(self.script.state.withLock(\.verdicts) == [.trusted(chain: [[9, 9]])])
        #expect(self.recorder.recorded.withLock(\.summaries) == [Self.summary])
    }

    /// Application data that arrived while the verifier ran is delivered when the handshake
    /// resumes, outside any socket read: a read completion must follow it, or NIOAsyncChannel
    /// would hold it back until the peer sends more.
    @Test func dataBufferedDuringVerificationEndsWithReadComplete() async throws {
        let channel = try await self.connectedChannel(verifier: ChainEchoVerifier())
        let request = CertificateVerificationRequest(chain: [[9, 9]], serverName: "example.com", purpose: .serverAuth)
        self.script.state.withLock {
            $0.actions.append(.verifyPeer(request))
            $0.afterVerification = [
                .send(ByteBuffer(string: "Finished")), .handshakeCompleted(Self.summary), .deliver(ByteBuffer(string: "early data")),
            ]
        }
        try await channel.writeInbound(ByteBuffer(string: "Certificate, Finished, data"))
        #expect(try await channel.waitForOutboundWrite(as: ByteBuffer.self) == ByteBuffer(string: "Finished"))
        await channel.testingEventLoop.run()
        let sequence = self.recorder.recorded.withLock(\.readSequence)
        #expect(sequence.suffix(2) == ["read(early data)", "readComplete"], "\(sequence)")
    }

    @Test func fatalErrorWritesAlertReportsAndCloses() async throws {
        let channel = try await self.connectedChannel()
        let pending = Completion(channel.writeAndFlush(ByteBuffer(string: "early")))
        let error = TLSError(code: .peerMisbehaved, reason: "the server's Finished is wrong", alert: .decryptError)
        self.script.state.withLock {
            $0.actions.append(.send(ByteBuffer(string: "alert")))
            $0.error = error
        }
        try await channel.writeInbound(ByteBuffer(string: "bad Finished"))
        #expect(try await channel.readOutbound(as: ByteBuffer.self) == ByteBuffer(string: "alert"))
        try await channel.closeFuture.get()
        await channel.testingEventLoop.run()
        #expect(self.recorder.recorded.withLock(\.errors) == [error])
        #expect(pending.error == error)
        // Later writes fail.
        let late = Completion(channel.writeAndFlush(ByteBuffer(string: "late")))
        await channel.testingEventLoop.run()
        #expect(late.isComplete && !late.succeeded)
    }

    @Test func peerClosingDuringHandshakeFailsPendingWrites() async throws {
        let channel = try await self.connectedChannel()
        let pending = Completion(channel.writeAndFlush(ByteBuffer(string: "early")))
        channel.pipeline.fireChannelInactive()
        await channel.testingEventLoop.run()
        let expected = TLSError(code: .closed, reason: "the server closed the connection during the handshake")
        #expect(pending.error == expected)
        #expect(self.recorder.recorded.withLock(\.errors) == [expected])
    }

    @Test func closeSendsCloseNotifyFirst() async throws {
        let channel = try await self.connectedChannel()
        try await self.completeHandshake(channel)
        try await channel.close()
        #expect(try await channel.readOutbound(as: ByteBuffer.self) == ByteBuffer(string: "close_notify"))
        #expect(self.script.state.withLock(\.closeCalls) == 1)
        #expect(self.recorder.recorded.withLock(\.errors).isEmpty)
    }

    @Test func outputHalfCloseSendsCloseNotifyAndKeepsReading() async throws {
        let channel = try await self.connectedChannel()
        try await self.completeHandshake(channel)
        try await channel.close(mode: .output)
        #expect(try await channel.readOutbound(as: ByteBuffer.self) == ByteBuffer(string: "close_notify"))
        #expect(self.halfClose.outputCloses.withLock { $0 } == 1)
        self.script.push(.deliver(ByteBuffer(string: "tail")))
        try await channel.writeInbound(ByteBuffer(string: "ciphertext"))
        #expect(self.recorder.recorded.withLock(\.reads) == ["tail"])
        let write = Completion(channel.writeAndFlush(ByteBuffer(string: "after")))
        await channel.testingEventLoop.run()
        #expect(write.error?.code == .closed)
    }

    @Test func peerCloseNotifyIsAnsweredAndClosesChannel() async throws {
        let channel = try await self.connectedChannel()
        try await self.completeHandshake(channel)
        self.script.push(.deliver(ByteBuffer(string: "bye")), .closed)
        try await channel.writeInbound(ByteBuffer(string: "ciphertext"))
        #expect(try await channel.readOutbound(as: ByteBuffer.self) == ByteBuffer(string: "close_notify"))
        try await channel.closeFuture.get()
        let recorded = self.recorder.recorded.withLock { $0 }
        #expect(recorded.reads == ["bye"])
        #expect(recorded.errors.isEmpty)
        #expect(recorded.inactive)
    }

    @Test func closeWithoutCloseNotifyAfterHandshakeIsReported() async throws {
        let channel = try await self.connectedChannel()
        try await self.completeHandshake(channel)
        channel.pipeline.fireChannelInactive()
        await channel.testingEventLoop.run()
        #expect(self.recorder.recorded.withLock(\.errors).map(\.code) == [.closed])
    }

    @Test func closeDuringHandshakeFailsBufferedWrites() async throws {
        let channel = try await self.connectedChannel()
        let pending = Completion(channel.writeAndFlush(ByteBuffer(string: "early")))
        try await channel.close()
        await channel.testingEventLoop.run()
        #expect(pending.error?.code == .closed)
        #expect(try await channel.readOutbound(as: ByteBuffer.self) == nil)
    }

    @Test func realConnectionStubStartsWithoutCrashing() async throws {
        // With the real `TLSConnection`, the handler must at least install and activate cleanly.
        let configuration = TLSClientConfiguration(certificateVerifier: ChainEchoVerifier())
        let channel = try await NIOAsyncTestingChannel { channel in
            try channel.pipeline.syncOperations.addHandler(TLSHandler(configuration: configuration, serverName: "example.com"))
        }
        try await channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 443)).get()
        let pending = Completion(channel.writeAndFlush(ByteBuffer(string: "early")))
        await channel.testingEventLoop.run()
        #expect(!pending.isComplete)
        try await channel.close()
        await channel.testingEventLoop.run()
        #expect(pending.error?.code == .closed)
    }
}
