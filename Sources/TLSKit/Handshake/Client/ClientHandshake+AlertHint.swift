extension ClientHandshake {
    /// A server that answers our ClientHello with handshake_failure, when we offered TLS 1.2
    /// with only forward-secret (ECDHE) suites, found nothing it can use: often a suite, group
    /// or signature scheme it lacks (an ECDSA certificate needs its curve among the groups,
    /// RFC 8422, Section 5.1), or it speaks only RSA key exchange, which is off by default
    /// (RFC 5246, Section 7.4.7.1: no forward secrecy). Names both, and how to allow RSA.
    func hint(forReceived alert: AlertDescription) -> String? {
        guard alert == .handshakeFailure, case .hello(let hello) = state,
            configuration.settings.offeredVersions.contains(.tls12),
            !hello.clientHello.cipherSuites.contains(where: { CipherSuiteParameters.tls12($0)?.keyExchange == .rsa })
        else { return nil }
        return "the server shares none of the offered cipher suites, groups and signature schemes "
            + "(an ECDSA certificate needs its curve among the groups), or it supports only RSA key exchange "
            + "(no forward secrecy): enable CipherSuite.tls12RSAKeyExchangeSuites (tlskit --legacy) to allow that"
    }
}
