/// The peer and we have nothing in common to agree on (RFC 8446, Section 6.2).
enum PeerIncompatible: Error, Hashable, Sendable {
    case noSharedVersion(String)
    case noSharedCipherSuite(String)
    case noSharedGroup(String)
    case noSharedSignatureScheme(String)
    case noApplicationProtocol(String)
    /// The client sent no certificate, and this server requires one (RFC 8446, Section 4.4.2.4).
    case clientCertificateRequired

    var alert: AlertDescription {
        switch self {
        case .noSharedVersion: .protocolVersion
        case .noSharedCipherSuite, .noSharedGroup, .noSharedSignatureScheme: .handshakeFailure
        case .noApplicationProtocol: .noApplicationProtocol
        case .clientCertificateRequired: .certificateRequired
        }
    }

    var code: TLSError.Code {
        switch self {
        case .clientCertificateRequired: .certificateRequired
        default: .peerIncompatible
        }
    }

    var tlsError: TLSError {
        let reason: String
        switch self {
        case .noSharedVersion(let text): reason = "no TLS version in common with the peer: \(text)"
        case .noSharedCipherSuite(let text): reason = "no cipher suite in common with the peer: \(text)"
        case .noSharedGroup(let text): reason = "no key exchange group in common with the peer: \(text)"
        case .noSharedSignatureScheme(let text): reason = "no signature scheme in common with the peer: \(text)"
        case .noApplicationProtocol(let text): reason = "no application protocol (ALPN) in common with the peer: \(text)"
        case .clientCertificateRequired: reason = "the client sent no certificate, but this server requires one (mutual TLS)"
        }
        return TLSError(code: code, reason: reason, alert: alert)
    }
}
