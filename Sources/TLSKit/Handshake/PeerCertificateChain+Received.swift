extension PeerCertificateChain {
    /// RFC 8446, Section 4.4.2: the chain of a Certificate message from `peer`, nil when its
    /// certificate_list is empty. The certificate_request_context must be empty (it is in the
    /// server's Certificate, and ours in the CertificateRequest a client's echoes), and no
    /// entry may carry extensions: we ask for no status_request or signed_certificate_timestamp.
    static func received(_ message: CertificateMessage, from peer: TLSRole) throws -> PeerCertificateChain? {
        guard message.certificateRequestContext.isEmpty else {
            throw PeerMisbehaved.illegalParameter(
                peer == .server
                    ? "certificate_request_context must be empty in the server's Certificate"
                    : "certificate_request_context must echo the empty context of our CertificateRequest")
        }
        for entry in message.entries {
            for item in entry.extensions {
                throw PeerMisbehaved.unsupportedExtension(item.type, in: .certificate)
            }
        }
        return PeerCertificateChain(message.entries.map(\.certificateData))
    }
}
