import NIOCore
import X509
@testable import TLSKit

/// Certificates for the server tests, generated once per test run by `DevelopmentPKI`.
struct ServerTestPKI: Sendable {
    let pki: DevelopmentPKI
    /// A second, unrelated PKI: its certificates are untrusted by `verifier`.
    let otherPKI: DevelopmentPKI
    let leaves: [DevelopmentKeyType: DevelopmentIdentity]
    let aExample: DevelopmentIdentity
    let bExample: DevelopmentIdentity
    let wildcard: DevelopmentIdentity
    let client: DevelopmentIdentity
    let clientServerAuthOnly: DevelopmentIdentity
    let untrustedClient: DevelopmentIdentity

    static let shared: Result<ServerTestPKI, any Error> = Result { try ServerTestPKI() }

    static func get() throws -> ServerTestPKI { try shared.get() }

    private init() throws {
        pki = try DevelopmentPKI.generate()
        otherPKI = try DevelopmentPKI.generate(rootName: "Other Root", intermediateName: "Other Intermediate")
        var leaves: [DevelopmentKeyType: DevelopmentIdentity] = [:]
        for type in DevelopmentKeyType.allCases {
            leaves[type] = try pki.issueLeaf(dnsNames: ["localhost"], keyType: type)
        }
        self.leaves = leaves
        aExample = try pki.issueLeaf(dnsNames: ["a.example"], ipAddresses: [])
        bExample = try pki.issueLeaf(dnsNames: ["b.example"], ipAddresses: [])
        wildcard = try pki.issueLeaf(dnsNames: ["*.c.example"], ipAddresses: [])
        client = try pki.issueLeaf(commonName: "client", dnsNames: [], ipAddresses: [], extendedKeyUsage: [.clientAuth])
        clientServerAuthOnly = try pki.issueLeaf(
            commonName: "server-only", dnsNames: [], ipAddresses: [], extendedKeyUsage: [.serverAuth])
        untrustedClient = try otherPKI.issueLeaf(
            commonName: "stranger", dnsNames: [], ipAddresses: [], extendedKeyUsage: [.clientAuth])
    }

    /// A verifier trusting this PKI's root.
    var verifier: DefaultCertificateVerifier {
        DefaultCertificateVerifier(trustRoots: .certificates([pki.root.certificate]))
    }

    /// Leaf + intermediate with the leaf's key.
    func identity(_ leaf: DevelopmentIdentity, of pki: DevelopmentPKI? = nil) throws -> TLSCertificateIdentity {
        let issuer = pki ?? self.pki
        return try TLSCertificateIdentity(
            chain: [leaf.certificate, issuer.intermediate.certificate],
            privateKey: TLSSigningKey(pemEncoded: leaf.privateKeyPEM))
    }

    func identity(_ type: DevelopmentKeyType) throws -> TLSCertificateIdentity {
        guard let leaf = leaves[type] else { throw TLSError(code: .internalError, reason: "no \(type) leaf") }
        return try identity(leaf)
    }

    func serverConfiguration(_ type: DevelopmentKeyType = .p256) throws -> TLSServerConfiguration {
        TLSServerConfiguration(identities: [try identity(type)])
    }

    func clientConfiguration() -> TLSClientConfiguration {
        TLSClientConfiguration(certificateVerifier: verifier)
    }
}
