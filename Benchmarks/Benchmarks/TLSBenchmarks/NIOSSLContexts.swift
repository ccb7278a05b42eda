import NIOSSL

/// swift-nio-ssl (BoringSSL) client and server contexts for the benchmark chain.
enum NIOSSLContexts {
    /// BoringSSL does not let TLS 1.3 cipher suites be configured; it picks AES-128-GCM when
    /// the processor has AES instructions, and ECDHE-ECDSA-AES128-GCM-SHA256 in TLS 1.2.
    static func make(
        pki: BenchmarkPKI, curve: NIOTLSCurve, version: TLSVersion = .tlsv13
    ) throws -> (client: NIOSSLContext, server: NIOSSLContext) {
        var clientConfiguration = TLSConfiguration.makeClientConfiguration()
        clientConfiguration.minimumTLSVersion = version
        clientConfiguration.maximumTLSVersion = version
        clientConfiguration.trustRoots = .certificates([try NIOSSLCertificate(bytes: Array(pki.rootPEM.utf8), format: .pem)])
        // In TLS 1.2 BoringSSL also checks the ECDSA certificate's curve against this list.
        clientConfiguration.curves = version == .tlsv12 && curve != .secp256r1 ? [curve, .secp256r1] : [curve]
        let chain = try NIOSSLCertificate.fromPEMBytes(Array(pki.leafChainPEM.utf8)).map { NIOSSLCertificateSource.certificate($0) }
        var serverConfiguration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain,
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(pki.leafKeyPEM.utf8), format: .pem)))
        serverConfiguration.minimumTLSVersion = version
        serverConfiguration.maximumTLSVersion = version
        serverConfiguration.curves = [curve]
        return (try NIOSSLContext(configuration: clientConfiguration), try NIOSSLContext(configuration: serverConfiguration))
    }
}
