extension ClientHandshake {
    /// A server that answers our ClientHello with handshake_failure, when we offered TLS 1.2
    /// with only forward-secret (ECDHE) suites, may speak only RSA key exchange, which is off
    /// by default (RFC 5246, Section 7.4.7.1: no forward secrecy). Says how to allow it.
    func hint(forReceived alert: AlertDescription) -> String? {
        guard alert == .handshakeFailure, case .hello(let hello) = state,
            configuration.settings.offeredVersions.contains(.tls12),
            !hello.clientHello.cipherSuites.contains(where: { CipherSuiteParameters.tls12($0)?.keyExchange == .rsa })
        else { return nil }
        return "the server may support only RSA key exchange (no forward secrecy); enable "
            + "CipherSuite.tls12RSAKeyExchangeSuites (tlskit --legacy) to allow it"
    }
}
