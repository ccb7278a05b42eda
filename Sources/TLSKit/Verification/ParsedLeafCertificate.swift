import X509

/// The peer's leaf certificate as the handshake already parsed it (for CertificateVerify or
/// the TLS 1.2 key check), carried in a `CertificateVerificationRequest` so that the default
/// verifier does not parse it again. It is used only while the request's leaf is still the
/// DER it came from, and takes no part in the request's equality or hash.
struct ParsedLeafCertificate: Sendable, Hashable {
    private let der: [UInt8]?
    private let certificate: Certificate?

    /// Nothing parsed (a request made outside a handshake).
    static let none = ParsedLeafCertificate(der: nil, certificate: nil)

    init(der: [UInt8]?, certificate: Certificate?) {
        self.der = der
        self.certificate = certificate
    }

    /// The parsed certificate, if `der` is the one it was parsed from.
    func certificate(for der: [UInt8]) -> Certificate? {
        self.der == der ? certificate : nil
    }

    static func == (lhs: Self, rhs: Self) -> Bool { true }
    func hash(into hasher: inout Hasher) {}
}
