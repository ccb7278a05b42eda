import Crypto
import NIOCore

/// The client's hello phase (RFC 8446, Section 4.1): the ClientHello, and the ServerHello
/// that picks the version.
extension ClientHandshake {
    /// Builds the first ClientHello and the key pairs behind its key shares (RFC 8446, Section 4.1.2).
    static func makeClientHello(
        configuration: TLSClientConfiguration, serverName: String?
    ) throws -> (ClientHello, [KeyExchangeKeyPair]) {
        try configuration.settings.validate()
        let suites = configuration.cipherSuites.filter { CipherSuiteParameters.tls13($0) != nil }
        let groups = configuration.supportedGroups.filter { NamedGroup.supported.contains($0) }
        var shareGroups = configuration.keyShareGroups.filter { groups.contains($0) }
        if shareGroups.isEmpty, let first = groups.first { shareGroups = [first] }
        let keyPairs = try shareGroups.map { try KeyExchangeKeyPair.generate(group: $0) }

        var extensions: [TLSExtension] = []
        if configuration.sendServerName, let name = serverName, !IPAddressLiteral.isLiteral(name) {
            extensions.append(.serverName(ServerNameList(names: [name])))
        }
        extensions.append(.supportedVersionsClient(configuration.settings.offeredVersions))
        extensions.append(.supportedGroups(groups))
        extensions.append(.keyShareClient(keyPairs.map { KeyShareEntry(group: $0.group, keyExchange: $0.publicKeyShare) }))
        extensions.append(.signatureAlgorithms(configuration.signatureSchemes))
        if configuration.certificateSignatureSchemes != configuration.signatureSchemes {
            extensions.append(.signatureAlgorithmsCert(configuration.certificateSignatureSchemes))
        }
        if !configuration.applicationProtocols.isEmpty {
            extensions.append(.applicationLayerProtocolNegotiation(configuration.applicationProtocols))
        }
        if !configuration.resumptionKeyExchangeModes.isEmpty {
            extensions.append(.pskKeyExchangeModes(configuration.resumptionKeyExchangeModes))
        }

        let hello = ClientHello(
            legacyVersion: .tls12,
            random: RandomBytes.generate(count: 32),
            // A non-empty session ID puts the server in middlebox compatibility mode (RFC 8446, Section D.4).
            legacySessionID: RandomBytes.generate(count: 32),
            cipherSuites: suites,
            legacyCompressionMethods: [0],
            extensions: extensions)
        return (hello, keyPairs)
    }

    /// RFC 8446, Section 4.1.3 (ServerHello) and 4.1.4 (HelloRetryRequest). This is where the
    /// versions part: a ServerHello with supported_versions is TLS 1.3, answered by its own
    /// family of states; without it the server chose TLS 1.2 or older (Section 4.2.1), where a
    /// TLS 1.2 family would start after the downgrade check of Section 4.1.3.
    func handleServerHello(
        _ serverHello: ServerHello, raw: ByteBuffer, hello: ClientHelloState
    ) throws -> (State, [HandshakeEvent]) {
        guard case .supportedVersionsServer(let version)? = serverHello.extensions.first(.supportedVersions) else {
            throw PeerIncompatible.noSharedVersion("the server chose \(serverHello.legacyVersion), but this client speaks only TLSv1.3")
        }
        guard version == .tls13 else {
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
}
