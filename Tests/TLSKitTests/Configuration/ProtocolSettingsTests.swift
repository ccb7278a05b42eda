import Testing
@testable import TLSKit

/// `TLSProtocolSettings`: the settings both configurations share, and the versions check.
@Suite struct ProtocolSettingsTests {
    struct AcceptAnything: CertificateVerifier {
        func verify(_ request: CertificateVerificationRequest) async -> CertificateVerificationResult { .skippedInsecure }
    }

    @Test func configurationsForwardToTheirSettings() throws {
        var settings = TLSProtocolSettings()
        settings.cipherSuites = [.tlsChaCha20Poly1305SHA256]
        settings.applicationProtocols = ["h2"]
        var client = TLSClientConfiguration(certificateVerifier: AcceptAnything(), settings: settings)
        #expect(client.cipherSuites == [.tlsChaCha20Poly1305SHA256])
        client.supportedGroups = [.x25519]
        #expect(client.settings.supportedGroups == [.x25519])
        let server = TLSServerConfiguration(identities: [try ServerTestPKI.get().identity(.p256)], settings: client.settings)
        #expect(server.applicationProtocols == ["h2"] && server.supportedGroups == [.x25519])
    }

    @Test(arguments: [[ProtocolVersion.tls11], [.tls13, .tls10], [ProtocolVersion(rawValue: 0x7F1C)], []])
    func versionsTheLibraryCannotSpeakAreAConfigurationError(_ versions: [ProtocolVersion]) throws {
        var client = TLSClientConfiguration(certificateVerifier: AcceptAnything())
        client.versions = versions
        var server = try ServerTestPKI.get().serverConfiguration()
        server.versions = versions
        for start in [{ _ = try TLSConnection(configuration: client, serverName: "localhost") }, { _ = try TLSConnection(configuration: server) }] {
            do {
                try start()
                Issue.record("versions \(versions) were accepted")
            } catch let error as TLSError {
                #expect(error.code == .configuration)
                #expect(error.reason.contains(versions.first { $0 != .tls13 && $0 != .tls12 }?.description ?? "no protocol version"), "\(error)")
            }
        }
    }

    @Test func repeatedVersionsAreOfferedOnce() throws {
        var client = TLSClientConfiguration(certificateVerifier: AcceptAnything())
        client.versions = [.tls13, .tls13]
        var harness = try ClientHandshakeHarness(configuration: client)
        try harness.drain()
        let hello = try #require(harness.clientHellos.first)
        #expect(hello.extensions.first(.supportedVersions) == .supportedVersionsClient([.tls13]))
    }
}
