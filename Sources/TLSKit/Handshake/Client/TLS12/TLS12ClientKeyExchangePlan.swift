/// How the client will agree on the premaster secret once the server's hello messages are
/// done (RFC 5246, Section 7.4.7).
enum TLS12ClientKeyExchangePlan: Sendable {
    /// ECDHE: the ServerKeyExchange verified, our share and the premaster secret computed
    /// (RFC 8422, Section 5.4), with the group and the scheme the server signed with.
    case ecdhe(TLS12ECDHEClientKeyShare, group: NamedGroup, serverScheme: SignatureScheme)
    /// RSA key exchange: a fresh premaster secret encrypted to the leaf's key
    /// (Section 7.4.7.1).
    case rsa

    var group: NamedGroup? {
        if case .ecdhe(_, let group, _) = self { return group }
        return nil
    }

    var serverScheme: SignatureScheme? {
        if case .ecdhe(_, _, let scheme) = self { return scheme }
        return nil
    }
}
