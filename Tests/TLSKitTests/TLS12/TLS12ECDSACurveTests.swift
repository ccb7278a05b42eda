import NIOCore
import Testing
@testable import TLSKit

/// In TLS 1.2 an ECDSA certificate's key must be on a curve the client lists in
/// supported_groups (RFC 8422, Sections 5.1 and 5.3); in TLS 1.3 the signature scheme names
/// the curve and supported_groups is about key exchange only (RFC 8446, Section 4.2.7).
/// BoGo: CheckECDSACurve-TLS12 (server), CheckLeafCurve and CheckLeafCurve-TLS13 (client).
@Suite struct TLS12ECDSACurveTests {
    static let suite = CipherSuite.tlsECDHEECDSAWithAES128GCMSHA256

    /// The leaf certificate the server sent in its TLS 1.2 Certificate message.
    private static func leaf(_ client: TLS12ScriptedClient) -> [UInt8]? {
        for case .tls12Certificate(let message) in client.serverMessages { return message.certificateList.first }
        return nil
    }

    // MARK: - Server

    /// BoGo CheckECDSACurve-TLS12: a P-256 certificate only, a client listing only P-384.
    @Test func serverWithOnlyACertificateOnAnUnlistedCurveIsHandshakeFailure() throws {
        var harness = try ServerHandshakeHarness(configuration: try ServerTestPKI.get().serverConfiguration(.p256))
        harness.receive(.clientHello(TLS12ScriptedClient.clientHello(
            suites: [Self.suite, .tlsEmptyRenegotiationInfoSCSV], groups: [.secp384r1])))
        let error = try harness.expectFailure(.handshakeFailure)
        #expect(error.code == .peerIncompatible)
        #expect(error.reason.contains("no cipher suite in common"), "\(error)")
        #expect(error.reason.contains("the ECDSA certificates are on [secp256r1]"), "\(error)")
        #expect(error.reason.contains("supported_groups [secp384r1]"), "\(error)")
        #expect(error.reason.contains("RFC 8422"), "\(error)")
    }

    /// With several identities the server takes the one on a curve the client lists.
    @Test(arguments: [(NamedGroup.secp384r1, DevelopmentKeyType.p384), (.secp256r1, .p256)])
    func serverPicksTheCertificateOnAListedCurve(_ group: NamedGroup, _ expected: DevelopmentKeyType) throws {
        let pki = try ServerTestPKI.get()
        let configuration = TLSServerConfiguration(identities: [try pki.identity(.p256), try pki.identity(.p384)])
        var harness = try ServerHandshakeHarness(configuration: configuration)
        var client = TLS12ScriptedClient(hello: TLS12ScriptedClient.clientHello(
            suites: [Self.suite, .tlsEmptyRenegotiationInfoSCSV], groups: [group]))
        try client.start(&harness)
        let expectedLeaf = try pki.identity(expected).chain.first
        #expect(Self.leaf(client) == expectedLeaf)
        for case .serverKeyExchange(let exchange) in client.serverMessages { #expect(exchange.namedCurve == group) }
    }

    /// An ECDSA suite the certificate cannot serve gives way to an RSA one it can.
    @Test func serverFallsBackToAnRSASuite() throws {
        let pki = try ServerTestPKI.get()
        let configuration = TLSServerConfiguration(identities: [try pki.identity(.p256), try pki.identity(.rsa2048)])
        var harness = try ServerHandshakeHarness(configuration: configuration)
        var client = TLS12ScriptedClient(hello: TLS12ScriptedClient.clientHello(
            suites: [Self.suite, .tlsECDHERSAWithAES128GCMSHA256, .tlsEmptyRenegotiationInfoSCSV], groups: [.secp384r1]))
        try client.start(&harness)
        #expect(client.serverHello?.cipherSuite == .tlsECDHERSAWithAES128GCMSHA256)
        let rsaLeaf = try pki.identity(.rsa2048).chain.first
        #expect(Self.leaf(client) == rsaLeaf)
    }

    /// A client without supported_groups restricts no curve (RFC 8422, Section 5.1): as before.
    @Test func serverAcceptsAnyCurveWithoutSupportedGroups() throws {
        let pki = try ServerTestPKI.get()
        var hello = TLS12ScriptedClient.clientHello(suites: [Self.suite, .tlsEmptyRenegotiationInfoSCSV])
        hello.extensions.removeAll { $0.type == .supportedGroups }
        for type in [DevelopmentKeyType.p256, .p384] {
            var harness = try ServerHandshakeHarness(configuration: try pki.serverConfiguration(type))
            var client = TLS12ScriptedClient(hello: hello)
            try client.start(&harness)
            #expect(client.serverHello?.cipherSuite == Self.suite)
            let expectedLeaf = try pki.identity(type).chain.first
            #expect(Self.leaf(client) == expectedLeaf)
        }
    }

    /// Two TLSKit peers in TLS 1.2: the server refuses before the client sees a certificate.
    @Test func tls12PairFailsAtTheServer() async throws {
        let pki = try ServerTestPKI.get()
        var client = pki.clientConfiguration()
        client.versions = [.tls12]
        client.supportedGroups = [.secp384r1]
        client.keyShareGroups = [.secp384r1]
        var pipe = try ConnectionPipe(client: client, server: try pki.serverConfiguration(.p256))
        try await pipe.expectFailure(.handshakeFailure, sentBy: .server)
        #expect(pipe.server.error?.reason.contains("secp256r1") == true)
    }

    /// BoGo CheckLeafCurve-TLS13: the same certificate and groups are fine in TLS 1.3, on
    /// both sides.
    @Test func tls13IgnoresTheCertificateCurve() async throws {
        let pki = try ServerTestPKI.get()
        var client = pki.clientConfiguration()
        client.versions = [.tls13]
        client.supportedGroups = [.secp384r1]
        client.keyShareGroups = [.secp384r1]
        var pipe = try ConnectionPipe(client: client, server: try pki.serverConfiguration(.p256))
        try await pipe.handshake()
        #expect(pipe.client.summary?.version == .tls13)
        #expect(pipe.client.summary?.group == .secp384r1)
        #expect(pipe.client.summary?.signatureScheme == .ecdsaSecp256r1SHA256)
    }

    // MARK: - Client

    private static func clientConfiguration(groups: [NamedGroup]) -> TLSClientConfiguration {
        var configuration = ClientHandshakeHarness.configuration()
        configuration.supportedGroups = groups
        configuration.keyShareGroups = groups
        return configuration
    }

    /// BoGo CheckLeafCurve: the client offered only P-384 and the server sends a P-256 leaf
    /// under an ECDHE_ECDSA suite.
    @Test func clientRefusesALeafOnACurveItDidNotList() throws {
        var harness = try ClientHandshakeHarness(configuration: Self.clientConfiguration(groups: [.secp384r1]))
        var server = try TLS12ScriptedServer(harness: harness, suite: Self.suite, certificate: .p256)
        server.send(server.serverHello(), to: &harness)
        server.send(server.certificateMessage, to: &harness)
        let error = try harness.expectFailure(sendsAlert: .illegalParameter)
        #expect(error.code == .peerMisbehaved)
        #expect(error.reason.contains("on secp256r1"), "\(error)")
        #expect(error.reason.contains("supported_groups [secp384r1]"), "\(error)")
        #expect(error.reason.contains("RFC 8422"), "\(error)")
    }

    /// A leaf on the listed curve goes through to a completed handshake.
    @Test func clientAcceptsALeafOnAListedCurve() throws {
        var harness = try ClientHandshakeHarness(configuration: Self.clientConfiguration(groups: [.secp384r1]))
        var server = try TLS12ScriptedServer(harness: harness, suite: Self.suite, certificate: .p384)
        server.send(server.serverHello(), to: &harness)
        server.send(server.certificateMessage, to: &harness)
        server.send(.serverKeyExchange(try server.serverKeyExchange(group: .secp384r1)), to: &harness)
        server.send(.serverHelloDone, to: &harness)
        let index = harness.sentRecords.count
        try TLS12ClientFullHandshakeTests.run(&harness)
        _ = try server.receiveClientFlight(from: harness, since: index)
        try server.finish(ticket: nil, to: &harness)
        let summary = try #require(try TLS12ClientFullHandshakeTests.run(&harness))
        #expect(summary.group == .secp384r1)
        #expect(summary.peerCertificates == [server.certificate.certificateDER])
    }

    /// Ed25519 certificates are not on a supported_groups curve (RFC 8422, Section 5.1.3):
    /// a P-384-only client still takes one.
    @Test func clientAcceptsAnEd25519LeafWhateverTheGroups() throws {
        var harness = try ClientHandshakeHarness(configuration: Self.clientConfiguration(groups: [.secp384r1]))
        var server = try TLS12ScriptedServer(harness: harness, suite: Self.suite, certificate: .ed25519)
        server.send(server.serverHello(), to: &harness)
        server.send(server.certificateMessage, to: &harness)
        #expect(try harness.isStillHandshaking())
    }
}
