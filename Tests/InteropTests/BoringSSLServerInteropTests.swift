import Crypto
import NIOSSL
import Testing
import TLSKit
import TLSKitNIO

/// TLSKit's client against a swift-nio-ssl (BoringSSL) server in this process: the
/// X25519MLKEM768 hybrid group (draft-ietf-tls-ecdhe-mlkem) and a HelloRetryRequest.
@Suite struct BoringSSLServerInteropTests {
    let fixture: TestPKIFixture

    init() throws {
        fixture = try TestPKIFixture(kinds: [])
    }

    func echoRoundTrip(_ connection: TLSClientConnection) async throws {
        let line = Array("post-quantum hello\n".utf8)
        let received = try await InteropClient.exchange(connection, sending: line) { $0.count >= line.count }
        #expect(received == line, "\(String(decoding: received, as: UTF8.self))")
    }

    @Test func x25519MLKEM768() async throws {
        let leaf = try fixture.leaf(.good(.p256))
        try await BoringSSLEchoServer.withServer(serving: leaf, curves: [.x25519_MLKEM768, .x25519]) { server in
            let connection = try await InteropClient.connect(
                port: server.port, configuration: InteropClient.configuration(trusting: fixture))
            #expect(connection.summary.version == .tls13)
            #expect(connection.summary.group == .x25519MLKEM768)
            #expect(connection.summary.helloRetryRequested == false)
            #expect(connection.summary.signatureScheme == .ecdsaSecp256r1SHA256)
            guard case .trusted = connection.summary.verification else {
                Issue.record("not verified: \(String(describing: connection.summary.verification))")
                try await connection.close()
                return
            }
            try await echoRoundTrip(connection)
        }
    }

    /// The server accepts only P-256, for which the default client sent no share.
    @Test func helloRetryRequestToSecp256r1() async throws {
        let leaf = try fixture.leaf(.good(.ed25519))
        try await BoringSSLEchoServer.withServer(serving: leaf, curves: [.secp256r1]) { server in
            let connection = try await InteropClient.connect(
                port: server.port, configuration: InteropClient.configuration(trusting: fixture))
            #expect(connection.summary.helloRetryRequested)
            #expect(connection.summary.group == .secp256r1)
            #expect(connection.summary.signatureScheme == .ed25519)
            try await echoRoundTrip(connection)
        }
    }

    /// X25519MLKEM768 is offered but the server takes plain X25519 from the same ClientHello.
    @Test func classicalX25519FromTheSameHello() async throws {
        let leaf = try fixture.leaf(.good(.rsa2048))
        try await BoringSSLEchoServer.withServer(serving: leaf, curves: [.x25519]) { server in
            let connection = try await InteropClient.connect(
                port: server.port, configuration: InteropClient.configuration(trusting: fixture))
            #expect(connection.summary.helloRetryRequested == false)
            #expect(connection.summary.group == .x25519)
            try await echoRoundTrip(connection)
        }
    }

    /// 1 MiB written in one call goes out in records of at most 2^14 bytes and comes back whole.
    @Test func largeEchoRoundTrip() async throws {
        let leaf = try fixture.leaf(.good(.p256))
        let payload = SymmetricKey(size: SymmetricKeySize(bitCount: 1024 * 1024 * 8)).withUnsafeBytes { Array($0) }
        try await BoringSSLEchoServer.withServer(serving: leaf, curves: [.x25519_MLKEM768]) { server in
            let connection = try await InteropClient.connect(
                port: server.port, configuration: InteropClient.configuration(trusting: fixture))
            #expect(connection.summary.group == .x25519MLKEM768)
            let received = try await InteropClient.exchange(connection, sending: payload) { $0.count >= payload.count }
            #expect(received.count == payload.count)
            #expect(Array(SHA256.hash(data: received)) == Array(SHA256.hash(data: payload)))
        }
    }
}
