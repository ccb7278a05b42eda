/// What the server picks from the client's offer (RFC 8446, Sections 4.1.1 and 4.2).
extension ServerHandshake {
    /// The server's suite preference by default (`preferServerCipherSuiteOrder`), else the
    /// client's; none in common is handshake_failure.
    static func selectCipherSuite(
        configuration: TLSServerConfiguration, offered: [CipherSuite]
    ) throws -> CipherSuiteParameters {
        let ours = configuration.settings.cipherSuites(for: .tls13)
        let chosen = sharedCipherSuites(ours, offered: offered, configuration: configuration).first
        guard let chosen, let parameters = CipherSuiteParameters.tls13(chosen) else {
            throw PeerIncompatible.noSharedCipherSuite("the client offers \(offered), the server accepts \(ours)")
        }
        return parameters
    }

    /// The group and share to use (RFC 8446, Section 4.2.8).
    ///
    /// The acceptable groups are the server's, in its order, that the client lists in
    /// supported_groups; none is handshake_failure. The best of them is used when the client
    /// sent a share for it. When the client sent shares only for groups the server ranks lower,
    /// the server asks for its best group with a HelloRetryRequest if `requestPreferredGroup`
    /// (the default), else uses the best of those shares. Without any usable share it always
    /// asks by HelloRetryRequest.
    static func selectKeyShare(
        configuration: TLSServerConfiguration, clientGroups: [NamedGroup], shares: [KeyShareEntry]
    ) throws -> KeyShareDecision {
        for share in shares where !clientGroups.contains(share.group) {
            throw PeerMisbehaved.illegalParameter("a key share for \(share.group), which supported_groups does not list")
        }
        let serverGroups = configuration.supportedGroups.filter { NamedGroup.supported.contains($0) && isAvailable($0) }
        let acceptable = serverGroups.filter(clientGroups.contains)
        guard let best = acceptable.first else {
            throw PeerIncompatible.noSharedGroup("the client supports \(clientGroups), the server accepts \(serverGroups)")
        }
        let sharedGroup = acceptable.first { group in shares.contains { $0.group == group } }
        if let sharedGroup, sharedGroup == best || !configuration.requestPreferredGroup,
            let share = shares.first(where: { $0.group == sharedGroup })
        {
            return .use(share)
        }
        return .retry(best)
    }

    /// Whether this platform can compute the group (ML-KEM needs a recent OS on Apple platforms).
    static func isAvailable(_ group: NamedGroup) -> Bool {
        guard group == .x25519MLKEM768 else { return true }
        if #available(macOS 26.0, iOS 26.0, watchOS 26.0, tvOS 26.0, macCatalyst 26.0, visionOS 26.0, *) {
            return true
        }
        return false
    }

    /// The identity and CertificateVerify scheme (see `TLSServerConfiguration.identities`):
    /// identities covering the SNI exactly, then by wildcard, then all, in configuration order;
    /// within a pool, the first whose key can sign with a scheme the client and the
    /// configuration allow, preferring one whose chain signatures the client accepts.
    static func selectIdentity(
        configuration: TLSServerConfiguration, serverName: String?,
        clientSchemes: [SignatureScheme], clientCertificateSchemes: [SignatureScheme]
    ) throws -> ServerIdentitySelection {
        for pool in identityPools(configuration: configuration, serverName: serverName) {
            var usable: [ServerIdentitySelection] = []
            for identity in pool.identities {
                let scheme = identity.privateKey.supportedSchemes.first {
                    configuration.signatureSchemes.contains($0) && clientSchemes.contains($0)
                }
                if let scheme {
                    usable.append(ServerIdentitySelection(identity: identity, scheme: scheme, matchedServerName: pool.matched))
                }
            }
            let verifiable = usable.first { selection in
                selection.identity.certificateSignatureSchemes.allSatisfy { scheme in
                    scheme.map(clientCertificateSchemes.contains) ?? false
                }
            }
            if let chosen = verifiable ?? usable.first { return chosen }
        }
        let keySchemes = configuration.identities.flatMap(\.privateKey.supportedSchemes)
        throw PeerIncompatible.noSharedSignatureScheme(
            "the client accepts \(clientSchemes), the server's keys can sign with \(keySchemes.filter(configuration.signatureSchemes.contains))")
    }

    /// The suites of `ours` the client offers, in the server's order when
    /// `preferServerCipherSuiteOrder` is set, else in the client's.
    static func sharedCipherSuites(
        _ ours: [CipherSuite], offered: [CipherSuite], configuration: TLSServerConfiguration
    ) -> [CipherSuite] {
        configuration.preferServerCipherSuiteOrder ? ours.filter(offered.contains) : offered.filter(ours.contains)
    }

    /// The identities to choose from, in order: those covering the SNI exactly, then by
    /// wildcard (`matched`), then all of them.
    static func identityPools(
        configuration: TLSServerConfiguration, serverName: String?
    ) -> [(identities: [TLSCertificateIdentity], matched: Bool)] {
        var pools: [(identities: [TLSCertificateIdentity], matched: Bool)] = []
        if let serverName {
            pools.append((configuration.identities.filter { $0.matches(serverName: serverName, allowWildcard: false) }, true))
            pools.append((configuration.identities.filter { $0.matches(serverName: serverName, allowWildcard: true) }, true))
        }
        pools.append((configuration.identities, false))
        return pools
    }

    /// The TLS 1.2 suite, and what serves it (RFC 5246, Section 7.4.1.3; RFC 8422, Sections
    /// 5.1 and 5.4): the configured TLS 1.2 suites the client offers, in the order
    /// `preferServerCipherSuiteOrder` says; the first one that can be served wins.
    ///
    /// An ECDHE suite needs a group of `TLS12ECDHEKeyExchange.groups` that the configuration
    /// lists and the client supports (the server's order), and an identity whose key fits the
    /// suite's authentication and can sign with a scheme of the client's signature_algorithms
    /// and the configuration. An ECDSA key must also be on a curve the client lists in
    /// supported_groups (RFC 8422, Sections 5.1 and 5.3; without the extension every curve is
    /// listed, see `TLS12ClientOffer.groups`). An RSA key exchange suite needs an RSA
    /// identity; it signs nothing. Identities are tried by SNI first as in `selectIdentity`.
    /// Nothing usable is handshake_failure naming both sides.
    static func selectTLS12CipherSuite(
        configuration: TLSServerConfiguration, offer: TLS12ClientOffer
    ) throws -> TLS12ServerSelection {
        let ours = configuration.settings.cipherSuites(for: .tls12)
        let candidates = sharedCipherSuites(ours, offered: offer.cipherSuites, configuration: configuration)
        let group = configuration.supportedGroups.first { group in
            TLS12ECDHEKeyExchange.groups.contains(group) && offer.groups.contains(group)
        }
        let pools = identityPools(configuration: configuration, serverName: offer.serverName)
        // The curves of ECDSA identities passed over because the client does not list them.
        var unlistedCurves: [NamedGroup] = []
        for suite in candidates {
            guard let parameters = CipherSuiteParameters.tls12(suite), let authentication = parameters.authentication else {
                continue
            }
            if parameters.keyExchange == .ecdhe && group == nil { continue }
            for pool in pools {
                for identity in pool.identities where identity.privateKey.canAuthenticate(authentication) {
                    if let curve = identity.privateKey.ecdsaCurve, !offer.groups.contains(curve) {
                        if !unlistedCurves.contains(curve) { unlistedCurves.append(curve) }
                        continue
                    }
                    switch parameters.keyExchange {
                    case .rsa?:
                        guard TLS12RSAKeyExchange.decryptionKey(for: identity.privateKey) != nil else { continue }
                        return TLS12ServerSelection(
                            parameters: parameters, identity: identity, matchedServerName: pool.matched, scheme: nil, group: nil)
                    case .ecdhe?:
                        guard let scheme = try? TLS12SignatureSelection.select(
                            key: identity.privateKey, peerSchemes: offer.signatureSchemes,
                            allowed: configuration.signatureSchemes, peer: .client)
                        else { continue }
                        return TLS12ServerSelection(
                            parameters: parameters, identity: identity, matchedServerName: pool.matched, scheme: scheme,
                            group: group)
                    case nil:
                        continue
                    }
                }
            }
        }
        var details = "the client offers \(offer.cipherSuites), the server accepts \(ours)"
        if !candidates.isEmpty {
            var reasons: [String] = []
            if group == nil {
                let ourGroups = configuration.supportedGroups.filter(TLS12ECDHEKeyExchange.groups.contains)
                reasons.append("no ECDHE group in common (the client supports \(offer.groups), the server \(ourGroups))")
            }
            if !unlistedCurves.isEmpty {
                reasons.append(
                    "the ECDSA certificates are on \(unlistedCurves), which the client's supported_groups \(offer.groups) "
                        + "does not list (RFC 8422, Sections 5.1 and 5.3); configure a certificate on a curve the client lists")
            }
            let schemes = offer.signatureSchemes.map { "\($0)" } ?? "none"
            reasons.append(
                "no certificate fits them (ECDSA suites need an ECDSA or Ed25519 key, RSA suites an RSA key, "
                    + "and ECDHE a signature scheme the client accepts and the server's signatureSchemes allow; "
                    + "the client accepts \(schemes), the server allows \(configuration.signatureSchemes))")
            details += "; the shared suites \(candidates) could not be served: " + reasons.joined(separator: ", or ")
        }
        throw PeerIncompatible.noSharedCipherSuite(details)
    }

    /// RFC 7301, Section 3.2: the server's most preferred protocol the client offers; an offer
    /// with no overlap is no_application_protocol. nil when either side has no ALPN.
    static func selectApplicationProtocol(configuration: TLSServerConfiguration, offered: [String]?) throws -> String? {
        guard let offered, !configuration.applicationProtocols.isEmpty else { return nil }
        guard let chosen = configuration.applicationProtocols.first(where: offered.contains) else {
            throw PeerIncompatible.noApplicationProtocol(
                "the client offers \(offered), the server supports \(configuration.applicationProtocols)")
        }
        return chosen
    }
}
