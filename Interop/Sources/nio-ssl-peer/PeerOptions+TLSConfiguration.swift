import NIOSSL

extension PeerOptions {
    /// The swift-nio-ssl configuration the options ask for.
    func makeTLSConfiguration() throws -> TLSConfiguration {
        var configuration: TLSConfiguration
        switch self.mode {
        case .server:
            configuration = TLSConfiguration.makeServerConfiguration(
                certificateChain: try NIOSSLCertificate.fromPEMFile(self.certificate ?? "").map { .certificate($0) },
                privateKey: .privateKey(try NIOSSLPrivateKey(file: self.key ?? "", format: .pem)))
            if let caFile = self.caFile {
                // A verifying server requires a client certificate (SSL_VERIFY_FAIL_IF_NO_PEER_CERT).
                configuration.certificateVerification = self.requireClientCertificate ? .noHostnameVerification : .none
                configuration.trustRoots = .file(caFile)
                configuration.sendCANameList = true
            }
        case .client:
            configuration = TLSConfiguration.makeClientConfiguration()
            configuration.certificateVerification = .fullVerification
            if let caFile = self.caFile {
                configuration.trustRoots = .file(caFile)
            }
            if let certificate = self.certificate, let key = self.key {
                configuration.certificateChain = try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) }
                configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: key, format: .pem))
            }
        }
        configuration.minimumTLSVersion = self.tls13Only ? .tlsv13 : .tlsv12
        configuration.maximumTLSVersion = self.tls12Only ? .tlsv12 : .tlsv13
        if let cipher = self.cipher {
            configuration.cipherSuites = cipher
        }
        if !self.groups.isEmpty {
            configuration.curves = try self.groups.map(Self.curve)
        }
        if !self.signatureAlgorithms.isEmpty {
            let algorithms = try self.signatureAlgorithms.map(Self.signatureAlgorithm)
            configuration.signingSignatureAlgorithms = algorithms
            configuration.verifySignatureAlgorithms = algorithms
        }
        return configuration
    }

    static func curve(_ name: String) throws -> NIOTLSCurve {
        switch name.lowercased() {
        case "x25519": .x25519
        case "p-256", "secp256r1", "prime256v1": .secp256r1
        case "p-384", "secp384r1": .secp384r1
        case "x25519mlkem768": .x25519_MLKEM768
        default: throw UsageError(description: "unknown group \(name)")
        }
    }

    static func signatureAlgorithm(_ name: String) throws -> SignatureAlgorithm {
        switch name {
        case "ecdsa_secp256r1_sha256": .ecdsaSecp256R1Sha256
        case "ecdsa_secp384r1_sha384": .ecdsaSecp384R1Sha384
        case "ecdsa_secp521r1_sha512": .ecdsaSecp521R1Sha512
        case "rsa_pss_rsae_sha256": .rsaPssRsaeSha256
        case "rsa_pss_rsae_sha384": .rsaPssRsaeSha384
        case "rsa_pss_rsae_sha512": .rsaPssRsaeSha512
        case "rsa_pkcs1_sha256": .rsaPkcs1Sha256
        case "rsa_pkcs1_sha384": .rsaPkcs1Sha384
        case "rsa_pkcs1_sha512": .rsaPkcs1Sha512
        case "ed25519": .ed25519
        default: throw UsageError(description: "unknown signature algorithm \(name)")
        }
    }
}
