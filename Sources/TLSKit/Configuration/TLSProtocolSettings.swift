import Foundation

/// The settings a client and a server share: which versions, algorithms and protocols to
/// speak, the limits to enforce, and the clock and key log the core uses. Each
/// configuration holds one as `settings` and forwards these names, so
/// `configuration.cipherSuites` and `configuration.settings.cipherSuites` are the same.
public struct TLSProtocolSettings: Sendable {
    /// The protocol versions to speak, most preferred first (RFC 8446, Section 4.2.1): TLS 1.3
    /// and TLS 1.2 by default. Listing any other version is a `.configuration` error.
    public var versions: [ProtocolVersion] = [.tls13, .tls12]
    /// Cipher suites of both versions, most preferred first (RFC 8446, Section B.4; RFC 5246,
    /// Section A.5): each version uses the ones of its own kind. A client offers them; a
    /// server picks one (see `TLSServerConfiguration.preferServerCipherSuiteOrder`). The
    /// default is Mozilla's intermediate list: the TLS 1.3 suites, then TLS 1.2 ECDHE with
    /// AES-GCM and ChaCha20-Poly1305. RSA key exchange (`CipherSuite.tls12RSAKeyExchangeSuites`)
    /// has no forward secrecy and must be listed explicitly.
    public var cipherSuites: [CipherSuite] = CipherSuite.tls13Suites + CipherSuite.tls12Suites
    /// Key exchange groups, most preferred first (supported_groups, RFC 8446, Section 4.2.7).
    public var supportedGroups: [NamedGroup] = [.x25519MLKEM768, .x25519, .secp256r1, .secp384r1]
    /// The schemes a peer's CertificateVerify may use (signature_algorithms, RFC 8446, Section
    /// 4.2.3; a server sends them in its CertificateRequest), and the only ones TLSKit signs
    /// with itself: a server's CertificateVerify or ServerKeyExchange, a client's
    /// CertificateVerify. A client whose key can sign with none the server asks for sends an
    /// empty Certificate (RFC 8446, Section 4.4.2.3; RFC 5246, Section 7.4.6).
    /// TLS 1.2 adds RSA PKCS#1 v1.5 for ServerKeyExchange and CertificateVerify (RFC 5246,
    /// Section 7.4.1.4.1); TLS 1.3 never signs or accepts those in a CertificateVerify.
    public var signatureSchemes: [SignatureScheme] = SignatureScheme.tls12HandshakeSchemes
    /// ALPN protocol names, most preferred first (RFC 7301). A client offers them (empty: no
    /// ALPN). A server picks its most preferred one the client offers; a client whose
    /// protocols are all unknown to it gets no_application_protocol. Empty: ALPN is ignored.
    public var applicationProtocols: [String] = []
    /// Bounds on what the peer may make the connection hold or do (message sizes, chain
    /// length, records before the handshake completes, empty records, warning alerts,
    /// change_cipher_spec, KeyUpdate and post-handshake messages, the handshake timeout).
    public var limits = TLSResourceLimits()
    /// PSK key exchange modes for resumption, most preferred first (RFC 8446, Section 4.2.9):
    /// `.pskDHEKE` (a fresh key exchange, forward secret) by default; `.pskKE` resumes without
    /// one. A client offers them (empty: it never resumes and tells servers not to send
    /// tickets); a server accepts them.
    public var resumptionKeyExchangeModes: [PSKKeyExchangeMode] = [.pskDHEKE]
    /// The clock for tickets, ticket ages and expiry; the core reads no clock of its own.
    public var now: @Sendable () -> Date = { Date() }
    /// Receives each secret of the handshake as one line of the NSS key log format,
    /// `LABEL <client_random hex> <secret hex>` without a line feed: the `SSLKEYLOGFILE` format
    /// that Wireshark reads (CLIENT_HANDSHAKE_TRAFFIC_SECRET, SERVER_HANDSHAKE_TRAFFIC_SECRET,
    /// CLIENT_TRAFFIC_SECRET_0, SERVER_TRAFFIC_SECRET_0, EXPORTER_SECRET, and
    /// CLIENT_EARLY_TRAFFIC_SECRET with 0-RTT). For debugging only: whoever reads these lines
    /// can decrypt the connection. TLSKitNIO's `KeyLogFile(path:).log` appends them to a file.
    public var keyLog: (@Sendable (String) -> Void)? = nil
    /// Told of each step of the connection as it is taken (`TLSTraceEvent`): the messages
    /// sent and received, decoded, with their sizes; key derivations by name; key changes; the
    /// certificate check; alerts. `tlskit explain` narrates a handshake from it. nil, the
    /// default, costs one check per step. Called on the thread that drives the connection.
    public var observer: (@Sendable (TLSTraceEvent) -> Void)? = nil
    /// After this many records under one traffic key, the connection updates its write keys
    /// with a KeyUpdate, and asks the peer to update its keys once it has received as many
    /// under one key of the peer's (RFC 8446, Sections 4.6.3 and 5.5). The default, 2^24, stays
    /// below the AES-GCM limit of 2^24.5 records; a larger value is capped at the limit of the
    /// negotiated cipher. A peer that sends more than that limit under one key is disconnected.
    public var keyUpdateRecordThreshold: UInt64 = AEADRecordLimits.defaultUpdateThreshold
    /// TLS 1.2 only: refuse a peer that does not negotiate the extended master secret
    /// (RFC 7627, Section 5.2), which binds the master secret to the whole handshake and
    /// defeats the triple-handshake attack. A client aborts with handshake_failure; a server
    /// answers such a ClientHello with handshake_failure. Resumption always requires the
    /// session's EMS status to match (Section 5.3).
    public var requireExtendedMasterSecret: Bool = true

    public init() {}

    /// The versions this library can speak.
    static let implementedVersions: [ProtocolVersion] = [.tls13, .tls12]

    /// `versions` without repetitions, in their order, and without a version none of
    /// `cipherSuites` belongs to (listing only TLS 1.3 suites turns TLS 1.2 off): what a client
    /// offers in supported_versions (RFC 8446, Section 4.2.1) and a server accepts.
    var offeredVersions: [ProtocolVersion] {
        var offered: [ProtocolVersion] = []
        for version in versions where !offered.contains(version) && hasCipherSuites(for: version) {
            offered.append(version)
        }
        return offered
    }

    /// Whether any suite of `cipherSuites` belongs to `version`.
    func hasCipherSuites(for version: ProtocolVersion) -> Bool {
        switch version {
        case .tls13: cipherSuites.contains { CipherSuiteParameters.tls13($0) != nil }
        case .tls12: cipherSuites.contains { CipherSuiteParameters.tls12($0) != nil }
        default: false
        }
    }

    /// The suites of `cipherSuites` that belong to `version`, in their order.
    func cipherSuites(for version: ProtocolVersion) -> [CipherSuite] {
        switch version {
        case .tls13: cipherSuites.filter { CipherSuiteParameters.tls13($0) != nil }
        case .tls12: cipherSuites.filter { CipherSuiteParameters.tls12($0) != nil }
        default: []
        }
    }

    /// Checks what both roles need before a connection starts; `.configuration` errors.
    func validate() throws {
        guard !versions.isEmpty else {
            throw TLSError(code: .configuration, reason: "no protocol version is configured; enable \(Self.implementedVersions)")
        }
        for version in versions where !Self.implementedVersions.contains(version) {
            throw TLSError(
                code: .configuration,
                reason: "\(version) is configured, but this library speaks only \(Self.implementedVersions)")
        }
        guard !offeredVersions.isEmpty else {
            throw TLSError(
                code: .configuration,
                reason: "none of the configured cipher suites \(cipherSuites) belongs to the enabled versions \(versions); enable one of \(CipherSuite.tls13Suites + CipherSuite.tls12Suites)")
        }
        guard supportedGroups.contains(where: { NamedGroup.supported.contains($0) }) else {
            throw TLSError(code: .configuration, reason: "no supported key exchange group is configured; enable at least one of \(NamedGroup.supported)")
        }
        for name in applicationProtocols where name.utf8.isEmpty || name.utf8.count > 255 {
            throw TLSError(code: .configuration, reason: "ALPN protocol name '\(name)' must be 1 to 255 bytes")
        }
    }
}
