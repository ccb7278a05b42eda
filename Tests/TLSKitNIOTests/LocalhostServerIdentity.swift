import TLSKit

/// A fresh development PKI and a server identity for "localhost" issued by it (the leaf and
/// its intermediate), for tests that run a real `TLSServer`.
struct LocalhostServerIdentity {
    let pki: DevelopmentPKI
    let identity: TLSCertificateIdentity

    init() throws {
        pki = try DevelopmentPKI.generate()
        let leaf = try pki.issueLeaf()
        identity = try TLSCertificateIdentity(
            chain: [leaf.certificate, pki.intermediate.certificate], privateKey: try TLSSigningKey(pemEncoded: leaf.privateKeyPEM))
    }

    /// A client configuration that trusts the PKI's root.
    var trustingClient: TLSClientConfiguration {
        TLSClientConfiguration(certificateVerifier: DefaultCertificateVerifier(trustRoots: .certificates([pki.root.certificate])))
    }
}
