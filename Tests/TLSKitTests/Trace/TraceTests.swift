import NIOCore
import Testing
@testable import TLSKit

/// The observer (`TLSProtocolSettings.observer`) is told of every step of a handshake in
/// order: the messages each side sends and receives, with sizes both sides agree on, the
/// secrets derived by name, key changes, the certificate check, alerts.
@Suite struct TraceTests {
    struct TracedPipe {
        var pipe: ConnectionPipe
        let client = TraceRecorder()
        let server = TraceRecorder()

        init(client clientConfiguration: TLSClientConfiguration, server serverConfiguration: TLSServerConfiguration) throws {
            var clientConfiguration = clientConfiguration
            var serverConfiguration = serverConfiguration
            clientConfiguration.observer = client.observer
            serverConfiguration.observer = server.observer
            pipe = try ConnectionPipe(client: clientConfiguration, server: serverConfiguration)
        }
    }

    /// The (type, size) of each message `recorder` saw go `direction`.
    static func messages(_ recorder: TraceRecorder, _ direction: TLSTraceDirection) -> [String] {
        recorder.events.compactMap { event in
            guard case .handshakeMessage(let message, direction, let size) = event else { return nil }
            return "\(message.type) \(size)"
        }
    }

    /// What one side sent is what the other received, message by message and byte for byte,
    /// and each size is the message's encoding (4-byte header included).
    static func expectAgreement(_ traced: TracedPipe) {
        #expect(messages(traced.client, .sent) == messages(traced.server, .received))
        #expect(messages(traced.server, .sent) == messages(traced.client, .received))
        for case .handshakeMessage(let message, _, let size) in traced.client.events + traced.server.events {
            #expect(message.encoded.readableBytes == size, "\(message.type)")
        }
    }

    @Test func tls13HandshakeInOrder() async throws {
        let fixture = try ServerTestPKI.get()
        var traced = try TracedPipe(client: fixture.clientConfiguration(), server: try fixture.serverConfiguration())
        try await traced.pipe.handshake()
        #expect(Array(traced.client.messageSequence.prefix(10)) == [
            "sent ClientHello", "received ServerHello", "sent CCS", "received CCS", "received EncryptedExtensions",
            "received Certificate", "received CertificateVerify", "received Finished", "sent Finished",
            "received NewSessionTicket",
        ])
        #expect(Array(traced.server.messageSequence.prefix(8)) == [
            "received ClientHello", "sent ServerHello", "sent CCS", "sent EncryptedExtensions", "sent Certificate",
            "sent CertificateVerify", "sent Finished", "received CCS",
        ])
        for recorder in [traced.client, traced.server] {
            #expect(recorder.secretNames == [
                "CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET", "CLIENT_TRAFFIC_SECRET_0",
                "SERVER_TRAFFIC_SECRET_0", "EXPORTER_SECRET",
            ])
            #expect(recorder.events.contains { if case .handshakeCompleted = $0 { true } else { false } })
        }
        Self.expectAgreement(traced)
        // The client's certificate check: asked, then answered, between Certificate and Finished.
        let checks = traced.client.events.filter {
            switch $0 {
            case .certificateVerificationRequested, .certificateVerified: true
            default: false
            }
        }
        #expect(checks.count == 2)
        // Keys: the client writes under handshake keys, then traffic keys.
        #expect(traced.client.events.filter { $0 == .keysChanged(.sent) }.count == 2)
    }

    @Test func tls12ECDHEHandshakeInOrder() async throws {
        let fixture = try ServerTestPKI.get()
        var client = fixture.clientConfiguration()
        client.versions = [.tls12]
        var traced = try TracedPipe(client: client, server: try fixture.serverConfiguration())
        try await traced.pipe.handshake()
        #expect(traced.client.messageSequence == [
            "sent ClientHello", "received ServerHello", "received Certificate", "received ServerKeyExchange",
            "received ServerHelloDone", "sent ClientKeyExchange", "sent CCS", "sent Finished",
            "received NewSessionTicket", "received CCS", "received Finished",
        ])
        #expect(traced.client.secretNames == ["CLIENT_RANDOM"])
        #expect(traced.server.secretNames == ["CLIENT_RANDOM"])
        Self.expectAgreement(traced)
    }

    /// A client that does not trust the server's chain: the verdict, then its fatal alert,
    /// which the server's observer sees arrive.
    @Test func aRejectedChainShowsTheVerdictAndTheAlert() async throws {
        let fixture = try ServerTestPKI.get()
        let untrusting = TLSClientConfiguration(
            certificateVerifier: DefaultCertificateVerifier(trustRoots: .certificates([fixture.otherPKI.root.certificate])))
        var traced = try TracedPipe(client: untrusting, server: try fixture.serverConfiguration())
        try await traced.pipe.run()
        let verdicts = traced.client.events.compactMap { if case .certificateVerified(let result) = $0 { result } else { nil } }
        #expect(verdicts.count == 1)
        guard case .rejected(let error)? = verdicts.first else {
            Issue.record("the chain was not rejected: \(verdicts)")
            return
        }
        let alert = try #require(error.alert)
        #expect(traced.client.events.last == .alert(alert, fatal: true, .sent))
        #expect(traced.server.events.contains(.alert(alert, fatal: true, .received)))
    }
}
