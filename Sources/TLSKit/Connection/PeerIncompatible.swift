/// The peer and we have nothing in common to agree on (RFC 8446, Section 6.2).
enum PeerIncompatible: Error, Hashable, Sendable {
    case noSharedVersion(String)
    case noSharedCipherSuite(String)
    case noSharedGroup(String)
    case noSharedSignatureScheme(String)
    case noApplicationProtocol(String)

    var alert: AlertDescription {
        switch self {
        case .noSharedVersion: .protocolVersion
        case .noSharedCipherSuite, .noSharedGroup, .noSharedSignatureScheme: .handshakeFailure
        case .noApplicationProtocol: .noApplicationProtocol
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
        }
        return TLSError(code: .peerIncompatible, reason: reason, alert: alert)
    }
}
