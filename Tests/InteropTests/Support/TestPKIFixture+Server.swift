import TLSKit

/// Server configurations built from the fixture's files, as an application would load them.
extension TestPKIFixture {
    /// The identity of `kind`'s leaf, read back from its chain and key PEM files.
    func serverIdentity(_ kind: FixtureLeafKind = .good(.p256)) throws -> TLSCertificateIdentity {
        let leaf = try leaf(kind)
        return try TLSCertificateIdentity(certificatePEMFile: leaf.chainPath, privateKeyPEMFile: leaf.keyPath)
    }

    /// The default server configuration serving the leaves of `kinds` (chosen by SNI).
    func serverConfiguration(_ kinds: [FixtureLeafKind] = [.good(.p256)]) throws -> TLSServerConfiguration {
        TLSServerConfiguration(identities: try kinds.map { try serverIdentity($0) })
    }

    /// Accepts client chains to the fixture's trusted root with extended key usage clientAuth.
    var clientVerifier: DefaultCertificateVerifier {
        DefaultCertificateVerifier(trustRoots: .certificates([pki.root.certificate]))
    }

    /// `openssl s_client` options presenting `kind`'s leaf, its intermediate and key.
    func opensslClientCertificateOptions(_ kind: FixtureLeafKind = .client) throws -> [String] {
        let leaf = try leaf(kind)
        var options = ["-cert", leaf.certificatePath, "-key", leaf.keyPath]
        if let intermediatePath = leaf.intermediatePath {
            options += ["-cert_chain", intermediatePath]
        }
        return options
    }
}
