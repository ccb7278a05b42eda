import TLSKit
import X509

/// One development chain per leaf key type: a P-256 root, a P-256 intermediate, and a leaf
/// for localhost, as PEM for swift-nio-ssl and as objects for TLSKit.
struct BenchmarkPKI: Sendable {
    let root: Certificate
    let rootPEM: String
    let leafChainPEM: String
    let leafKeyPEM: String
    let identity: TLSCertificateIdentity

    static func make(leaf keyType: DevelopmentKeyType) throws -> BenchmarkPKI {
        let pki = try DevelopmentPKI.generate()
        let leaf = try pki.issueLeaf(dnsNames: ["localhost"], ipAddresses: [], keyType: keyType)
        let chainPEM = try pki.chainPEM(for: leaf)
        let keyPEM = leaf.privateKeyPEM
        let identity = try TLSCertificateIdentity(
            chain: [leaf.certificate, pki.intermediate.certificate], privateKey: try TLSSigningKey(pemEncoded: keyPEM))
        return BenchmarkPKI(
            root: pki.root.certificate, rootPEM: try pki.root.certificatePEM(), leafChainPEM: chainPEM,
            leafKeyPEM: keyPEM, identity: identity)
    }
}
