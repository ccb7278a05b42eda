import Crypto
import NIOCore

/// The client's hello phase (RFC 8446, Section 4.1): the ClientHello, and the ServerHello
/// that picks the version.
extension ClientHandshake {
    /// Builds the first ClientHello and the key pairs behind its key shares (RFC 8446, Section
    /// 4.1.2). With TLS 1.2 enabled it also carries what a TLS 1.2 server needs (RFC 5246,
    /// Section 7.4.1.2): the TLS 1.2 suites after the TLS 1.3 ones, extended_master_secret
    /// (RFC 7627), an empty renegotiation_info (RFC 5746, Section 3.4), ec_point_formats
    /// (RFC 8422, Section 5.1.2) and an empty session_ticket (RFC 5077, Section 3.2). With only
    /// TLS 1.2 enabled it is a plain TLS 1.2 ClientHello: no supported_versions, key_share or
    /// psk_key_exchange_modes, an empty session ID, and only the TLS 1.2 groups.
    static func makeClientHello(
        configuration: TLSClientConfiguration, serverName: String?
    ) throws -> (ClientHello, [KeyExchangeKeyPair]) {
        try configuration.settings.validate()
        let versions = configuration.settings.offeredVersions
        let offersTLS13 = versions.contains(.tls13)
        let offersTLS12 = versions.contains(.tls12)
        let suites =
            (offersTLS13 ? configuration.settings.cipherSuites(for: .tls13) : [])
            + (offersTLS12 ? configuration.settings.cipherSuites(for: .tls12) : [])
        let groups = configuration.supportedGroups.filter {
            offersTLS13 ? NamedGroup.supported.contains($0) : TLS12ECDHEKeyExchange.groups.contains($0)
        }
        var keyPairs: [KeyExchangeKeyPair] = []
        if offersTLS13 {
            var shareGroups = configuration.keyShareGroups.filter { groups.contains($0) }
            if shareGroups.isEmpty, let first = groups.first { shareGroups = [first] }
            keyPairs = try shareGroups.map { try KeyExchangeKeyPair.generate(group: $0) }
        }

        var extensions: [TLSExtension] = []
        if configuration.sendServerName, let name = serverName, !IPAddressLiteral.isLiteral(name) {
            extensions.append(.serverName(ServerNameList(names: [name])))
        }
        if offersTLS13 {
            extensions.append(.supportedVersionsClient(versions))
        }
        extensions.append(.supportedGroups(groups))
        if offersTLS13 {
            extensions.append(.keyShareClient(keyPairs.map { KeyShareEntry(group: $0.group, keyExchange: $0.publicKeyShare) }))
        }
        extensions.append(.signatureAlgorithms(configuration.signatureSchemes))
        if configuration.certificateSignatureSchemes != configuration.signatureSchemes {
            extensions.append(.signatureAlgorithmsCert(configuration.certificateSignatureSchemes))
        }
        if !configuration.applicationProtocols.isEmpty {
            extensions.append(.applicationLayerProtocolNegotiation(configuration.applicationProtocols))
        }
        if offersTLS13, !configuration.resumptionKeyExchangeModes.isEmpty {
            extensions.append(.pskKeyExchangeModes(configuration.resumptionKeyExchangeModes))
        }
        if offersTLS12 {
            extensions.append(.extendedMasterSecret)
            extensions.append(.renegotiationInfo([]))
            extensions.append(.ecPointFormats([Self.uncompressedPointFormat]))
            if Self.resumesTLS12Sessions(configuration: configuration) {
                extensions.append(.sessionTicket([]))
            }
        }

        let hello = ClientHello(
            legacyVersion: .tls12,
            random: RandomBytes.generate(count: 32),
            // A non-empty session ID puts the server in middlebox compatibility mode (RFC 8446,
            // Section D.4); a TLS 1.2 client without a session to resume sends none.
            legacySessionID: offersTLS13 ? RandomBytes.generate(count: 32) : [],
            cipherSuites: suites,
            legacyCompressionMethods: [0],
            extensions: extensions)
        return (hello, keyPairs)
    }

    /// RFC 8446, Section 4.1.3 (ServerHello) and 4.1.4 (HelloRetryRequest). This is where the
    /// versions part: a ServerHello with supported_versions is TLS 1.3, answered by its own
    /// family of states; without it the server chose TLS 1.2 or older (Section 4.2.1): TLS 1.2,
    /// when offered, goes on in the TLS 1.2 family after the downgrade check of Section 4.1.3;
    /// anything older is a protocol_version.
    func handleServerHello(
        _ serverHello: ServerHello, raw: ByteBuffer, hello: ClientHelloState
    ) throws -> (State, [HandshakeEvent]) {
        guard case .supportedVersionsServer(let version)? = serverHello.extensions.first(.supportedVersions) else {
            let (next, events) = try handleLegacyServerHello(serverHello, raw: raw, hello: hello)
            return (.tls12(next), events)
        }
        guard version == .tls13, configuration.settings.offeredVersions.contains(.tls13) else {
            throw PeerMisbehaved.illegalParameter("the server selected \(version), which the client did not offer")
        }
        guard serverHello.legacyVersion == .tls12 else {
            throw PeerMisbehaved.illegalParameter("legacy_version \(serverHello.legacyVersion) in ServerHello must be TLSv1.2")
        }
        guard hello.clientHello.cipherSuites.contains(serverHello.cipherSuite),
              let parameters = CipherSuiteParameters.tls13(serverHello.cipherSuite) else {
            throw PeerMisbehaved.illegalParameter("the server selected cipher suite \(serverHello.cipherSuite), which the client did not offer")
        }
        guard serverHello.legacySessionIDEcho == hello.clientHello.legacySessionID else {
            throw PeerMisbehaved.illegalParameter("legacy_session_id_echo does not match the session ID the client sent")
        }
        guard serverHello.legacyCompressionMethod == 0 else {
            throw PeerMisbehaved.illegalParameter("legacy_compression_method must be 0")
        }
        if let retry = hello.retry, retry.suite != serverHello.cipherSuite {
            throw PeerMisbehaved.illegalParameter("the ServerHello cipher suite differs from the one in HelloRetryRequest")
        }
        if serverHello.isHelloRetryRequest {
            let (retried, events) = try handleHelloRetryRequest(serverHello, raw: raw, hello: hello, parameters: parameters)
            return (.hello(retried), events)
        }
        let (next, events) = try acceptTLS13ServerHello(serverHello, raw: raw, hello: hello, parameters: parameters)
        return (.tls13(next), events)
    }

    /// A ServerHello without supported_versions: the server's legacy_version is its choice
    /// (RFC 5246, Section 7.4.1.3). TLS 1.2 is accepted only when offered, and only when a
    /// client that also offered TLS 1.3 finds no downgrade sentinel in the server random
    /// (RFC 8446, Section 4.1.3: an attacker removed TLS 1.3 from the ClientHello).
    private func handleLegacyServerHello(
        _ serverHello: ServerHello, raw: ByteBuffer, hello: ClientHelloState
    ) throws -> (TLS12ClientState, [HandshakeEvent]) {
        let offered = configuration.settings.offeredVersions
        guard serverHello.legacyVersion == .tls12 else {
            if serverHello.legacyVersion.rawValue > ProtocolVersion.tls12.rawValue {
                throw PeerMisbehaved.illegalParameter(
                    "the server chose \(serverHello.legacyVersion) in legacy_version without supported_versions")
            }
            throw PeerIncompatible.noSharedVersion(
                "the server chose \(serverHello.legacyVersion), which TLSKit does not speak (it speaks \(offered)); "
                    + "the server must enable TLSv1.2 or TLSv1.3")
        }
        guard offered.contains(.tls12) else {
            throw PeerIncompatible.noSharedVersion(
                "the server speaks only TLSv1.2, but this client offered only \(offered); "
                    + "add .tls12 to the configuration's versions (and a TLS 1.2 cipher suite) to connect to it")
        }
        if offered.contains(.tls13), let sentinel = DowngradeSentinel(serverRandom: serverHello.random) {
            throw PeerMisbehaved.illegalParameter(
                "the server random ends in the \(sentinel) downgrade sentinel although this client offered TLSv1.3: "
                    + "an attacker may have removed TLSv1.3 from the ClientHello (RFC 8446, Section 4.1.3)")
        }
        guard hello.resumption?.earlyDataOffered != true else {
            // RFC 8446, Appendix D.3: 0-RTT data went out under TLS 1.3 keys; it cannot go on.
            throw PeerIncompatible.noSharedVersion(
                "the server chose TLSv1.2 after this client sent TLS 1.3 early data; the session cannot be resumed "
                    + "with early data on this server (RFC 8446, Appendix D.3)")
        }
        guard hello.retry == nil, !serverHello.isHelloRetryRequest else {
            throw PeerMisbehaved.illegalParameter(
                "the server chose TLSv1.2 after a HelloRetryRequest, which only TLSv1.3 has (RFC 8446, Section 4.1.4)")
        }
        return try acceptTLS12ServerHello(serverHello, raw: raw, hello: hello)
    }
}
