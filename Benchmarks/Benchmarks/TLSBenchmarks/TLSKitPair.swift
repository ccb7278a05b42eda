import NIOCore
import TLSKit

/// A TLSKit client and server joined in memory: what one sends, the other receives.
struct TLSKitPair {
    var client: TLSConnection
    var server: TLSConnection
    let clientVerifier: any CertificateVerifier
    var receivedByServer = 0

    init(pki: BenchmarkPKI, suite: CipherSuite, group: NamedGroup) throws {
        var clientConfiguration = TLSClientConfiguration(
            certificateVerifier: DefaultCertificateVerifier(trustRoots: .certificates([pki.root])))
        clientConfiguration.cipherSuites = [suite]
        clientConfiguration.supportedGroups = [group]
        clientConfiguration.keyShareGroups = [group]
        var serverConfiguration = TLSServerConfiguration(identities: [pki.identity])
        serverConfiguration.cipherSuites = [suite]
        serverConfiguration.supportedGroups = [group]
        client = try TLSConnection(configuration: clientConfiguration, serverName: "localhost")
        server = try TLSConnection(configuration: serverConfiguration)
        clientVerifier = clientConfiguration.certificateVerifier
    }

    /// Moves application data both ways until neither side has anything to do; for an
    /// established connection (no await, so no executor hops in the measurement).
    mutating func transfer() throws {
        var moved = true
        while moved {
            moved = false
            while let action = try client.nextAction() {
                moved = true
                if case .send(var bytes) = action { server.receive(&bytes) }
            }
            while let action = try server.nextAction() {
                moved = true
                switch action {
                case .send(var bytes): client.receive(&bytes)
                case .deliver(let bytes): receivedByServer += bytes.readableBytes
                default: break
                }
            }
        }
    }

    /// Moves bytes both ways until neither side has anything to do, answering the client's
    /// certificate verification.
    mutating func run() async throws {
        var moved = true
        while moved {
            moved = false
            while let action = try client.nextAction() {
                moved = true
                switch action {
                case .send(var bytes): server.receive(&bytes)
                case .verifyPeer(let request): client.completeVerification(await clientVerifier.verify(request))
                default: break
                }
            }
            while let action = try server.nextAction() {
                moved = true
                switch action {
                case .send(var bytes): client.receive(&bytes)
                case .deliver(let bytes): receivedByServer += bytes.readableBytes
                default: break
                }
            }
        }
    }
}
