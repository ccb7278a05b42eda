import X509

/// A peer's certificate chain as it sent it, DER, leaf first; never empty (RFC 8446,
/// Section 4.4.2).
struct PeerCertificateChain {
    /// The end-entity certificate, whose key the peer proves in CertificateVerify.
    let leaf: [UInt8]
    /// The whole chain, `leaf` first.
    let certificates: [[UInt8]]
    /// The leaf, parsed once for everyone who needs it (its key for CertificateVerify, the
    /// verifier's request).
    let parsed: ParsedLeafCertificate

    /// nil for an empty list.
    init?(_ certificates: [[UInt8]]) {
        guard let leaf = certificates.first else { return nil }
        self.leaf = leaf
        self.certificates = certificates
        parsed = ParsedLeafCertificate(parsing: leaf)
    }

    /// The parsed leaf; nil when it does not parse, which those who need it report.
    var parsedLeaf: Certificate? { parsed.certificate(for: leaf) }
}
