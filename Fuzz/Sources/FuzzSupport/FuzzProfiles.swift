import Foundation
import TLSKit

/// The client and server configurations the state machine targets choose from with their
/// first input byte, shared with `FuzzSeeds` so that a seed's first byte picks the
/// configuration it was recorded with. Certificates come from one `DevelopmentPKI` per process.
public enum FuzzProfiles {
    /// The clock of every profile: fixed, so tickets in seeds neither expire nor age.
    public static let now: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_780_000_000) }

    static let pki: DevelopmentPKI? = try? DevelopmentPKI.generate()

    /// Leaf (for `localhost`) and intermediate, with the leaf's key.
    static func identity(_ keyType: DevelopmentKeyType) -> TLSCertificateIdentity? {
        guard let pki, let leaf = try? pki.issueLeaf(keyType: keyType),
              let key = try? TLSSigningKey(pemEncoded: leaf.privateKeyPEM)
        else { return nil }
        return try? TLSCertificateIdentity(chain: [leaf.certificate, pki.intermediate.certificate], privateKey: key)
    }

    /// Clients: 0 TLS 1.3 and 1.2 (the default), 1 TLS 1.2 only, 2 TLS 1.3 only with a client
    /// certificate, 3 TLS 1.2 only with a client certificate. Nil if the PKI failed.
    public static let clients: [TLSClientConfiguration]? = {
        guard let identity = identity(.p256) else { return nil }
        func client(_ versions: [ProtocolVersion], certificate: Bool) -> TLSClientConfiguration {
            var configuration = TLSClientConfiguration(certificateVerifier: InsecureAcceptAnyCertificateVerifier())
            configuration.versions = versions
            configuration.keyShareGroups = [.x25519]
            configuration.sessionCache = nil
            configuration.now = now
            if certificate { configuration.clientIdentity = identity }
            return configuration
        }
        return [
            client([.tls13, .tls12], certificate: false), client([.tls12], certificate: false),
            client([.tls13], certificate: true), client([.tls12], certificate: true),
        ]
    }()

    /// Servers: 0 TLS 1.3 and 1.2 with 0-RTT (P-256), 1 TLS 1.2 only (P-256), 2 TLS 1.2 only
    /// with an RSA key (RSA key exchange suites enabled), 3 requiring a client certificate, 4 TLS 1.2 only
    /// asking for an optional client certificate. Nil if the PKI failed.
    public static let servers: [TLSServerConfiguration]? = {
        guard let p256 = identity(.p256), let rsa = identity(.rsa2048) else { return nil }
        func server(
            _ identity: TLSCertificateIdentity, _ versions: [ProtocolVersion], _ clientAuthentication: ClientAuthentication = .none
        ) -> TLSServerConfiguration {
            var configuration = TLSServerConfiguration(identities: [identity])
            configuration.versions = versions
            configuration.clientAuthentication = clientAuthentication
            configuration.ticketKeys = FixedTicketKeys()
            // No state carried from one input to the next.
            configuration.sessionCache = nil
            configuration.earlyDataReplayGuard = nil
            configuration.now = now
            return configuration
        }
        var earlyData = server(p256, [.tls13, .tls12])
        earlyData.maxEarlyDataSize = 16384
        var rsaKeyExchange = server(rsa, [.tls12])
        rsaKeyExchange.cipherSuites += [.tlsRSAWithAES128GCMSHA256, .tlsRSAWithAES256GCMSHA384]
        let verifier = InsecureAcceptAnyCertificateVerifier()
        return [
            earlyData, server(p256, [.tls12]), rsaKeyExchange,
            server(p256, [.tls13, .tls12], .required(verifier)), server(p256, [.tls12], .optional(verifier)),
        ]
    }()
}
