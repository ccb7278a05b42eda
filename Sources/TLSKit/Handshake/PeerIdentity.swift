/// What the peer proved about who it is by the end of the handshake, as the summary and the
/// session tickets report it.
enum PeerIdentity {
    /// No certificate: a client that was not asked for one, or that sent an empty Certificate.
    case anonymous
    /// A chain the verifier judged (DER, leaf first: what outlives the handshake, without the
    /// parsed leaf), and the scheme of the CertificateVerify that proved the leaf's key
    /// (RFC 8446, Sections 4.4.2 and 4.4.3).
    case certified(certificates: [[UInt8]], verification: CertificateVerificationResult, scheme: SignatureScheme)
    /// A resumed session: the certificates of the original handshake, from the session, not
    /// sent or checked again (RFC 8446, Section 2.2).
    case resumed(certificates: [[UInt8]])

    /// The peer's certificates, DER, leaf first; empty when it has none.
    var certificates: [[UInt8]] {
        switch self {
        case .anonymous: []
        case .certified(let certificates, _, _): certificates
        case .resumed(let certificates): certificates
        }
    }

    var verification: CertificateVerificationResult? {
        if case .certified(_, let verification, _) = self { return verification }
        return nil
    }

    var signatureScheme: SignatureScheme? {
        if case .certified(_, _, let scheme) = self { return scheme }
        return nil
    }

    var isResumed: Bool {
        if case .resumed = self { return true }
        return false
    }
}
