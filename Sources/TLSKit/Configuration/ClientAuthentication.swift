/// Whether a server asks for a client certificate (RFC 8446, Section 4.3.2) and how it judges it.
///
/// The verifier is called through `TLSAction.verifyPeer` with purpose `.clientAuth` and no
/// server name; `DefaultCertificateVerifier(trustRoots: .certificates(clientCARoots))` checks the
/// chain against the client CA roots and requires the clientAuth extended key usage.
public enum ClientAuthentication: Sendable {
    /// No CertificateRequest is sent.
    case none
    /// A CertificateRequest is sent; a client may answer with an empty Certificate. A
    /// certificate it does send must pass the verifier.
    case optional(any CertificateVerifier)
    /// A CertificateRequest is sent; an empty Certificate is refused with certificate_required.
    case required(any CertificateVerifier)

    /// The verifier for client chains, or nil when no certificate is requested.
    public var verifier: (any CertificateVerifier)? {
        switch self {
        case .none: nil
        case .optional(let verifier), .required(let verifier): verifier
        }
    }

    /// Whether a CertificateRequest is sent.
    public var requestsCertificate: Bool {
        if case .none = self { return false }
        return true
    }

    /// Whether an empty client Certificate is refused.
    public var requiresCertificate: Bool {
        if case .required = self { return true }
        return false
    }
}
