import NIOCore
import NIOEmbedded
import NIOTLS
import Synchronization
import TLSKit
import Testing

@testable import TLSKitNIO

/// `TLSHandler` in the server role against a scripted connection: it waits for the ClientHello,
/// asks the client-certificate verifier, and names the client in its errors.
@Suite struct TLSHandlerServerRoleTests {
    let script = ConnectionScript()
    let recorder = EventRecorder()

    static let summary = HandshakeSummary(
        version: .tls13, cipherSuite: .tlsAES256GCMSHA384, group: .secp256r1, signatureScheme: nil,
        applicationProtocol: "http/1.1", helloRetryRequested: true, serverName: "localhost",
        peerCertificates: [[7, 7]], verification: .trusted(chain: [[7, 7]]))

    final class RecordingVerifier: CertificateVerifier {
        let purposes = Mutex<[CertificateVerificationRequest.Purpose]>([])
        func verify(_ request: CertificateVerificationRequest) async -> CertificateVerificationResult {
            self.purposes.withLock { $0.append(request.purpose) }
            return .trusted(chain: request.chain)
        }
    }

    func activeServerChannel(verifier: (any CertificateVerifier)? = nil) async throws -> NIOAsyncTestingChannel {
        let script = self.script
        let recorder = self.recorder
        let channel = try await NIOAsyncTestingChannel { channel in
            let handler = TLSHandler(connection: ScriptedConnection(script: script), role: .server, verifier: verifier)
            try channel.pipeline.syncOperations.addHandler(handler)
            try channel.pipeline.syncOperations.addHandler(recorder)
        }
        try await channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 50000)).get()
        return channel
    }

    @Test func waitsForTheClientHelloThenAnswers() async throws {
        let channel = try await self.activeServerChannel()
        #expect(try await channel.readOutbound(as: ByteBuffer.self) == nil)

        self.script.push(.send(ByteBuffer(string: "ServerHello..Finished")))
        try await channel.writeInbound(ByteBuffer(string: "ClientHello"))
        #expect(self.script.state.withLock(\.received) == ["ClientHello"])
        #expect(try await channel.readOutbound(as: ByteBuffer.self) == ByteBuffer(string: "ServerHello..Finished"))

        self.script.push(.handshakeCompleted(Self.summary), .deliver(ByteBuffer(string: "GET /")))
        try await channel.writeInbound(ByteBuffer(string: "client Finished + data"))
        #expect(self.recorder.recorded.withLock(\.summaries) == [Self.summary])
        #expect(self.recorder.recorded.withLock(\.reads) == ["GET /"])
        #expect(self.recorder.recorded.withLock(\.tlsEvents) == [.handshakeCompleted(negotiatedProtocol: "http/1.1")])
    }

    @Test func clientCertificatesGoToTheConfiguredVerifier() async throws {
        let verifier = RecordingVerifier()
        let channel = try await self.activeServerChannel(verifier: verifier)
        let request = CertificateVerificationRequest(chain: [[7, 7]], serverName: nil, purpose: .clientAuth)
        self.script.state.withLock {
            $0.actions.append(.verifyPeer(request))
            $0.afterVerification = [.handshakeCompleted(Self.summary)]
        }
        try await channel.writeInbound(ByteBuffer(string: "client Certificate"))
        for _ in 0..<100 where self.recorder.recorded.withLock(\.summaries).isEmpty {
            await channel.testingEventLoop.run()
            await Task.yield()
        }
        #expect(verifier.purposes.withLock { $0 } == [.clientAuth])
        #expect(self.script.state.withLock(\.verdicts) == [.trusted(chain: [[7, 7]])])
        #expect(self.recorder.recorded.withLock(\.summaries) == [Self.summary])
    }

    @Test func closeDuringHandshakeNamesTheClient() async throws {
        let channel = try await self.activeServerChannel()
        channel.pipeline.fireChannelInactive()
        await channel.testingEventLoop.run()
        let errors = self.recorder.recorded.withLock(\.errors)
        #expect(errors.count == 1)
        #expect(errors.first?.reason.contains("the client closed the connection during the handshake") == true)
    }
}
