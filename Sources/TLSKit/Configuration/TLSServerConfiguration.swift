import Crypto
import Foundation

/// How a server connection behaves. The defaults are secure and are Mozilla's intermediate
/// configuration (TLS 1.2 and 1.3); `modern(identities:)` (TLS 1.3 only) and
/// `intermediate(identities:)` follow Mozilla's server-side TLS recommendations, and
/// `legacy(identities:)` adds RSA key exchange for old clients.
///
/// The settings a client shares (versions, suites, groups, schemes, ALPN, limits, clock, key
/// log) are in `settings`, and reachable under their own names (`TLSProtocolConfiguration`).
///
/// ```swift
/// let identity = try TLSCertificateIdentity(certificatePEMFile: "chain.pem", privateKeyPEMFile: "key.pem")
/// var configuration = TLSServerConfiguration.modern(identities: [identity])
/// configuration.applicationProtocols = ["h2", "http/1.1"]
/// var connection = try TLSConnection(configuration: configuration)
/// ```
public struct TLSServerConfiguration: TLSProtocolConfiguration, Sendable {
    public var settings: TLSProtocolSettings
    /// Certificates with their keys. Each ClientHello picks one: first by SNI (an exact SAN
    /// match, then a wildcard match), then among those by what the client can verify (its
    /// signature_algorithms must allow a scheme of the key; signature_algorithms_cert, or
    /// signature_algorithms without it, should allow the chain's signatures), in this order.
    /// In TLS 1.2 an ECDSA key must also be on a curve the client lists in supported_groups
    /// (RFC 8422, Section 5.3). A name no identity covers is served with the first usable
    /// identity (no unrecognized_name).
    public var identities: [TLSCertificateIdentity]
    /// true: the first suite of `cipherSuites` the client offers; false: the first suite of
    /// the client's list that `cipherSuites` contains.
    public var preferServerCipherSuiteOrder: Bool = true
    /// When the client supports a group ranked above every group it sent a key share for, ask
    /// for that group with a HelloRetryRequest (one more round trip, RFC 8446, Section 4.1.4).
    /// false: use the best acceptable share the client sent (as BoringSSL and rustls do) and
    /// retry only when no share is usable.
    public var requestPreferredGroup: Bool = true
    /// Whether to ask for a client certificate (mutual TLS).
    public var clientAuthentication: ClientAuthentication = .none
    /// NewSessionTickets sent after each full or resumed handshake (RFC 8446, Section 4.6.1);
    /// 0: none (more can be sent with `TLSConnection.sendSessionTickets(count:)`).
    public var ticketCount: Int = 2
    /// Seconds a ticket may be used, at most 604800 (7 days); keep it at most the rotation
    /// interval of the ticket keys.
    public var ticketLifetime: UInt32 = 6 * 3600
    /// The keys that seal and open stateless tickets; copies of this configuration share them.
    public var ticketKeys: any TicketKeyProvider = RotatingTicketKeyProvider()
    /// When set, tickets are random ids of sessions kept here (each resumes once) instead of
    /// sealed session state.
    public var sessionStore: (any ServerSessionStore)? = nil
    /// TLS 1.2: the sessions clients may resume by session ID (RFC 5246, Section 7.4.1.2),
    /// `TLS12SessionCache.defaultCapacity` (20 000) sessions by default, each kept for
    /// `ticketLifetime` seconds; copies of this configuration share it. nil: the ServerHello
    /// carries no session ID and only tickets resume. (TLS 1.2 tickets, RFC 5077, are sealed
    /// with `ticketKeys` like TLS 1.3's; with a `sessionStore` set, TLS 1.2 issues no tickets
    /// and resumes through this cache only.)
    public var sessionCache: TLS12SessionCache? = TLS12SessionCache()
    /// The most 0-RTT data accepted per connection, announced in tickets (RFC 8446, Section
    /// 4.2.10); 0 (the default) refuses early data. Early data may be replayed: accept it
    /// only for requests that are safe to process twice. On the server, `.deliver` actions
    /// that come before `.handshakeCompleted` carry early data.
    public var maxEarlyDataSize: UInt32 = 0
    /// Refuses replayed 0-RTT ClientHellos of stateless tickets (RFC 8446, Section 8.2);
    /// nil accepts early data only on tickets of a `sessionStore` (which are single-use).
    public var earlyDataReplayGuard: (any EarlyDataReplayGuard)? = InMemoryEarlyDataReplayGuard()
    /// How far the client's ticket age may be from the server's own record for 0-RTT to be
    /// accepted (RFC 8446, Section 8.3); beyond it the session still resumes, without early data.
    public var earlyDataAgeTolerance: TimeInterval = 10
    /// Authenticates HelloRetryRequest cookies; random per configuration (copies share it).
    var cookieKey: SymmetricKey

    public init(identities: [TLSCertificateIdentity], settings: TLSProtocolSettings = TLSProtocolSettings()) {
        self.identities = identities
        self.settings = settings
        self.cookieKey = SymmetricKey(size: .bits256)
    }

    /// Mozilla's "Modern" configuration (server-side TLS guidelines 5.x):
    /// - versions: TLS 1.3 only;
    /// - cipher suites: TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384,
    ///   TLS_CHACHA20_POLY1305_SHA256, the client's preference deciding
    ///   (`preferServerCipherSuiteOrder = false`, "cipher preference: client chooses");
    /// - groups: X25519MLKEM768 (TLSKit's addition: a post-quantum hybrid, ahead of the
    ///   classical groups), X25519, P-256 (prime256v1), P-384 (secp384r1);
    /// - signature schemes: ecdsa_secp256r1_sha256, ecdsa_secp384r1_sha384, ed25519,
    ///   rsa_pss_rsae_sha256, rsa_pss_rsae_sha384, rsa_pss_rsae_sha512 (Mozilla recommends an
    ///   ECDSA P-256 certificate for this profile);
    /// - no client certificates, no ALPN unless set.
    public static func modern(identities: [TLSCertificateIdentity]) -> TLSServerConfiguration {
        var configuration = TLSServerConfiguration(identities: identities)
        configuration.versions = [.tls13]
        configuration.cipherSuites = [.tlsAES128GCMSHA256, .tlsAES256GCMSHA384, .tlsChaCha20Poly1305SHA256]
        configuration.preferServerCipherSuiteOrder = false
        configuration.supportedGroups = [.x25519MLKEM768, .x25519, .secp256r1, .secp384r1]
        configuration.signatureSchemes = [
            .ecdsaSecp256r1SHA256, .ecdsaSecp384r1SHA384, .ed25519,
            .rsaPSSRSAESHA256, .rsaPSSRSAESHA384, .rsaPSSRSAESHA512,
        ]
        return configuration
    }

    /// Mozilla's "Intermediate" configuration (server-side TLS guidelines 5.x), the default:
    /// - versions: TLS 1.3 and TLS 1.2;
    /// - cipher suites: the three TLS 1.3 suites, then ECDHE-ECDSA-AES128-GCM-SHA256,
    ///   ECDHE-RSA-AES128-GCM-SHA256, ECDHE-ECDSA-AES256-GCM-SHA384,
    ///   ECDHE-RSA-AES256-GCM-SHA384, ECDHE-ECDSA-CHACHA20-POLY1305,
    ///   ECDHE-RSA-CHACHA20-POLY1305 (forward secrecy and AEAD only; the DHE suites Mozilla
    ///   also lists are not implemented), the client's preference deciding;
    /// - groups: X25519MLKEM768 (TLS 1.3 only), X25519, P-256, P-384;
    /// - signature schemes: those of `modern`, plus RSA PKCS#1 v1.5 with SHA-256/384/512 and
    ///   ECDSA with SHA-512 for TLS 1.2 (`SignatureScheme.tls12HandshakeSchemes`);
    /// - TLS 1.2 requires the extended master secret (RFC 7627).
    public static func intermediate(identities: [TLSCertificateIdentity]) -> TLSServerConfiguration {
        var configuration = modern(identities: identities)
        configuration.versions = [.tls13, .tls12]
        configuration.cipherSuites = CipherSuite.tls13Suites + CipherSuite.tls12Suites
        configuration.signatureSchemes = SignatureScheme.tls12HandshakeSchemes
        configuration.requireExtendedMasterSecret = true
        return configuration
    }

    /// `intermediate(identities:)` plus TLS_RSA_WITH_AES_128_GCM_SHA256 and
    /// TLS_RSA_WITH_AES_256_GCM_SHA384, last, for old TLS 1.2 clients that know no ECDHE. What
    /// it costs: with RSA key exchange the client encrypts the premaster secret to the
    /// certificate's key, so whoever obtains that key later can decrypt every recorded
    /// session (no forward secrecy), and the server's key does RSA decryption for anyone who
    /// asks (the Bleichenbacher family of attacks; TLSKit answers bad premasters exactly like
    /// good ones, RFC 5246, Section 7.4.7.1). Only RSA certificates can serve these suites.
    public static func legacy(identities: [TLSCertificateIdentity]) -> TLSServerConfiguration {
        var configuration = intermediate(identities: identities)
        configuration.cipherSuites += CipherSuite.tls12RSAKeyExchangeSuites
        return configuration
    }

    /// Checks what can be checked before a client connects; `.configuration` errors.
    func validate() throws {
        guard !identities.isEmpty else {
            throw TLSError(code: .configuration, reason: "a server needs at least one certificate identity")
        }
        try settings.validate()
        for identity in identities where !identity.privateKey.supportedSchemes.contains(where: signatureSchemes.contains) {
            throw TLSError(
                code: .configuration,
                reason: "the key of the certificate for \(identity.dnsNames) can sign with none of the configured signature schemes \(signatureSchemes)")
        }
        guard ticketLifetime <= 604_800, ticketCount >= 0 else {
            throw TLSError(code: .configuration, reason: "ticketLifetime must be at most 604800 seconds (7 days) and ticketCount at least 0")
        }
    }
}
