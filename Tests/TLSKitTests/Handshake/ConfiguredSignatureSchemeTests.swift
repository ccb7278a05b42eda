import Testing
@testable import TLSKit

/// The configuration's `signatureSchemes` bounds what TLSKit signs with, not only what it
/// accepts: a client's CertificateVerify and a server's CertificateVerify or
/// ServerKeyExchange, in TLS 1.3 and TLS 1.2. BoGo: NoCommonAlgorithms-TLS13.
@Suite struct ConfiguredSignatureSchemeTests {
    /// An RSA client certificate, made once (RSA key generation is slow).
    private static let rsaClient: Result<DevelopmentIdentity, any Error> = Result {
        try ServerTestPKI.get().pki.issueLeaf(
            commonName: "rsa-client", dnsNames: [], ipAddresses: [], keyType: .rsa2048, extendedKeyUsage: [.clientAuth])
    }

    /// A P-256 server that accepts client signatures with rsa_pss_rsae_sha512 and
    /// rsa_pss_rsae_sha384 only (it signs with ecdsa_secp256r1_sha256), and a client with an
    /// RSA certificate whose configuration allows `clientSchemes`.
    private static func pair(
        _ version: ProtocolVersion, clientSchemes: [SignatureScheme], required: Bool = false
    ) throws -> ConnectionPipe {
        let pki = try ServerTestPKI.get()
        var server = try pki.serverConfiguration(.p256)
        server.signatureSchemes = [.ecdsaSecp256r1SHA256, .rsaPSSRSAESHA512, .rsaPSSRSAESHA384]
        server.clientAuthentication = required ? .required(pki.verifier) : .optional(pki.verifier)
        var client = pki.clientConfiguration()
        client.versions = [version]
        client.signatureSchemes = clientSchemes
        client.clientIdentity = try rsaClientIdentity()
        return try ConnectionPipe(client: client, server: server)
    }

    private static func rsaClientIdentity() throws -> TLSCertificateIdentity {
        try ServerTestPKI.get().identity(try rsaClient.get())
    }

    /// BoGo NoCommonAlgorithms-TLS13 (and its TLS 1.2 twin): the key could sign with
    /// rsa_pss_rsae_sha384, which the server asks for, but the configuration allows only
    /// rsa_pss_rsae_sha256, so the client sends an empty Certificate (RFC 8446, Section
    /// 4.4.2.3; RFC 5246, Section 7.4.6) and the server, not requiring one, goes on.
    @Test(arguments: [ProtocolVersion.tls13, .tls12])
    func clientWithNoConfiguredSchemeTheServerAcceptsSendsNoCertificate(_ version: ProtocolVersion) async throws {
        var pipe = try Self.pair(version, clientSchemes: [.rsaPSSRSAESHA256, .ecdsaSecp256r1SHA256])
        try await pipe.handshake()
        #expect(pipe.client.summary?.version == version)
        #expect(pipe.client.summary?.localSignatureScheme == nil)
        #expect(pipe.server.summary?.peerCertificates == [])
        #expect(pipe.server.verificationRequests.isEmpty)
    }

    /// The same, with a server that requires a certificate: it refuses the empty one
    /// (certificate_required in TLS 1.3, RFC 8446, Section 4.4.2.4; handshake_failure in
    /// TLS 1.2, RFC 5246, Section 7.4.6).
    @Test(arguments: [ProtocolVersion.tls13, .tls12])
    func requiredCertificateWithNoUsableSchemeIsRefusedByTheServer(_ version: ProtocolVersion) async throws {
        var pipe = try Self.pair(version, clientSchemes: [.rsaPSSRSAESHA256, .ecdsaSecp256r1SHA256], required: true)
        try await pipe.expectFailure(version == .tls13 ? .certificateRequired : .handshakeFailure, sentBy: .server)
        #expect(pipe.server.error?.code == .certificateRequired)
    }

    /// Allowed and asked for: the client signs with that scheme, not its key's first choice
    /// (rsa_pss_rsae_sha256 is not asked for, rsa_pss_rsae_sha512 is not allowed).
    @Test(arguments: [ProtocolVersion.tls13, .tls12])
    func clientSignsWithAConfiguredSchemeTheServerAccepts(_ version: ProtocolVersion) async throws {
        var pipe = try Self.pair(version, clientSchemes: [.rsaPSSRSAESHA384, .ecdsaSecp256r1SHA256])
        let identity = try Self.rsaClientIdentity()
        try await pipe.handshake()
        #expect(pipe.client.summary?.localSignatureScheme == .rsaPSSRSAESHA384)
        #expect(pipe.server.summary?.signatureScheme == .rsaPSSRSAESHA384)
        #expect(pipe.server.summary?.peerCertificates == identity.chain)
    }

    /// A server whose configuration allows only rsa_pss_rsae_sha256 facing a client that
    /// accepts only rsa_pss_rsae_sha512 and rsa_pss_rsae_sha384: handshake_failure, naming both
    /// lists.
    @Test(arguments: [ProtocolVersion.tls13, .tls12])
    func serverWithNoUsableSchemeIsHandshakeFailureNamingBothLists(_ version: ProtocolVersion) async throws {
        let pki = try ServerTestPKI.get()
        var server = try pki.serverConfiguration(.rsa2048)
        server.signatureSchemes = [.rsaPSSRSAESHA256]
        var client = pki.clientConfiguration()
        client.versions = [version]
        client.signatureSchemes = [.rsaPSSRSAESHA512, .rsaPSSRSAESHA384]
        var pipe = try ConnectionPipe(client: client, server: server)
        try await pipe.expectFailure(.handshakeFailure, sentBy: .server)
        let reason = try #require(pipe.server.error?.reason)
        #expect(reason.contains("[rsa_pss_rsae_sha512, rsa_pss_rsae_sha384]"), "\(reason)")
        #expect(reason.contains("[rsa_pss_rsae_sha256]"), "\(reason)")
    }
}
