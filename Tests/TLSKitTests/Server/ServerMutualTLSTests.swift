import NIOCore
import Testing
@testable import TLSKit

/// Client certificates (RFC 8446, Sections 4.3.2, 4.4.2 to 4.4.4): the server's
/// CertificateRequest, the client's answer, and the server's checks.
@Suite struct ServerMutualTLSTests {
    @Test(arguments: [true, false])
    func clientCertificateIsVerifiedAndReported(required: Bool) async throws {
        let fixture = try ServerTestPKI.get()
        var server = try fixture.serverConfiguration()
        server.clientAuthentication = required ? .required(fixture.verifier) : .optional(fixture.verifier)
        var client = fixture.clientConfiguration()
        client.clientIdentity = try fixture.identity(fixture.client)
        var pipe = try ConnectionPipe(client: client, server: server)
        try await pipe.handshake()
        let summary = try #require(pipe.server.summary)
        #expect(summary.peerCertificates == (try fixture.pki.chainDER(for: fixture.client)))
        #expect(summary.signatureScheme == .ecdsaSecp256r1SHA256)
        guard case .trusted? = summary.verification else {
            Issue.record("the client chain was not verified: \(String(describing: summary.verification))")
            return
        }
        #expect(pipe.server.verificationRequests.first?.purpose == .clientAuth)
        #expect(pipe.server.verificationRequests.first?.serverName == nil)
        #expect(pipe.client.summary?.localSignatureScheme == .ecdsaSecp256r1SHA256)
        try pipe.client.connection.write(ByteBuffer(string: "authenticated"))
        try await pipe.run()
        #expect(pipe.server.received == ByteBuffer(string: "authenticated"))
    }

    @Test(arguments: [DevelopmentKeyType.rsa2048, .ed25519, .p384])
    func clientCertificateOfEachKeyType(_ type: DevelopmentKeyType) async throws {
        let fixture = try ServerTestPKI.get()
        let leaf = try fixture.pki.issueLeaf(commonName: "client-\(type)", dnsNames: [], ipAddresses: [], keyType: type, extendedKeyUsage: [.clientAuth])
        var server = try fixture.serverConfiguration()
        server.clientAuthentication = .required(fixture.verifier)
        var client = fixture.clientConfiguration()
        client.clientIdentity = try fixture.identity(leaf)
        var pipe = try ConnectionPipe(client: client, server: server)
        try await pipe.handshake()
        #expect(pipe.server.summary?.signatureScheme == leaf.keyType.expectedScheme)
    }

    @Test func optionalWithoutClientCertificateSucceeds() async throws {
        let fixture = try ServerTestPKI.get()
        var server = try fixture.serverConfiguration()
        server.clientAuthentication = .optional(fixture.verifier)
        var pipe = try ConnectionPipe(client: fixture.clientConfiguration(), server: server)
        try await pipe.handshake()
        #expect(pipe.server.summary?.peerCertificates == [])
        #expect(pipe.server.summary?.signatureScheme == nil)
        #expect(pipe.server.summary?.verification == nil)
        #expect(pipe.server.verificationRequests.isEmpty)
    }

    @Test func requiredWithoutClientCertificateIsCertificateRequired() async throws {
        let fixture = try ServerTestPKI.get()
        var server = try fixture.serverConfiguration()
        server.clientAuthentication = .required(fixture.verifier)
        var pipe = try ConnectionPipe(client: fixture.clientConfiguration(), server: server)
        try await pipe.expectFailure(.certificateRequired, sentBy: .server)
        #expect(pipe.server.error?.code == .certificateRequired)
    }

    @Test func clientWhoseKeyFitsNoRequestedSchemeSendsEmptyCertificate() async throws {
        let fixture = try ServerTestPKI.get()
        var server = try fixture.serverConfiguration()
        server.signatureSchemes = [.ecdsaSecp256r1SHA256]
        server.clientAuthentication = .optional(fixture.verifier)
        var client = fixture.clientConfiguration()
        client.clientIdentity = try fixture.identity(try fixture.pki.issueLeaf(
            dnsNames: [], ipAddresses: [], keyType: .ed25519, extendedKeyUsage: [.clientAuth]))
        var pipe = try ConnectionPipe(client: client, server: server)
        try await pipe.handshake()
        #expect(pipe.server.summary?.peerCertificates == [])
    }

    @Test func untrustedClientCertificateIsUnknownCA() async throws {
        let fixture = try ServerTestPKI.get()
        var server = try fixture.serverConfiguration()
        server.clientAuthentication = .required(fixture.verifier)
        var client = fixture.clientConfiguration()
        client.clientIdentity = try fixture.identity(fixture.untrustedClient, of: fixture.otherPKI)
        var pipe = try ConnectionPipe(client: client, server: server)
        try await pipe.expectFailure(.unknownCA, sentBy: .server)
        #expect(pipe.server.error?.code == .certificateUnknownIssuer)
        #expect(pipe.server.error?.reason.contains("client") == true)
    }

    @Test func clientCertificateWithoutClientAuthUsageIsRefused() async throws {
        let fixture = try ServerTestPKI.get()
        var server = try fixture.serverConfiguration()
        server.clientAuthentication = .optional(fixture.verifier)
        var client = fixture.clientConfiguration()
        client.clientIdentity = try fixture.identity(fixture.clientServerAuthOnly)
        var pipe = try ConnectionPipe(client: client, server: server)
        try await pipe.expectFailure(.unsupportedCertificate, sentBy: .server)
        #expect(pipe.server.error?.code == .certificateBadUsage)
    }

    @Test func noCertificateRequestWithoutClientAuthentication() async throws {
        let fixture = try ServerTestPKI.get()
        var client = fixture.clientConfiguration()
        client.clientIdentity = try fixture.identity(fixture.client)
        var pipe = try ConnectionPipe(client: client, server: try fixture.serverConfiguration())
        try await pipe.handshake()
        #expect(pipe.server.summary?.peerCertificates == [])
        #expect(pipe.client.summary?.localSignatureScheme == nil)
    }
}

extension DevelopmentKeyType {
    /// The CertificateVerify scheme TLSKit signs with for this key type.
    var expectedScheme: SignatureScheme {
        switch self {
        case .p256: .ecdsaSecp256r1SHA256
        case .p384: .ecdsaSecp384r1SHA384
        case .rsa2048, .rsa3072: .rsaPSSRSAESHA256
        case .ed25519: .ed25519
        }
    }
}
