import Crypto
import NIOCore

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

    /// RFC 8446, Section 4.1.3 (ServerHello) and 4.1.4 (HelloRetryRequest).
    mutating func handleServerHello(
        _ serverHello: ServerHello, raw: ByteBuffer, hello: ClientHelloState
    ) throws -> [HandshakeEvent] {
        guard case .supportedVersionsServer(let version)? = serverHello.extensions.first(.supportedVersions) else {
            // Without supported_versions the server negotiates TLS 1.2 or older (RFC 8446, Section 4.2.1).
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
            return try handleHelloRetryRequest(serverHello, raw: raw, hello: hello, parameters: parameters)
        }
        for item in serverHello.extensions
        where item.type != .supportedVersions && item.type != .keyShare && item.type != .preSharedKey {
            throw PeerMisbehaved.unsupportedExtension(item.type, in: .serverHello)
        }
        let resumption = try selectedResumption(serverHello, hello: hello, parameters: parameters)
        let (sharedSecret, group) = try keyExchange(
            serverHello, hello: hello, resumption: resumption, parameters: parameters)

        var transcript = hello.transcript
        transcript.choose(parameters.hash)
        transcript.append(raw)
        var keySchedule = resumption?.keySchedule ?? TLS13KeySchedule(hash: parameters.hash)
        let secrets = keySchedule.deriveHandshakeSecrets(sharedSecret: sharedSecret, transcriptHash: transcript.currentHash())
        var progress = ClientHandshakeProgress(
            parameters: parameters, keySchedule: keySchedule, transcript: transcript, group: group,
            helloRetryRequested: hello.retry != nil, sentChangeCipherSpec: hello.sentChangeCipherSpec,
            clientHandshakeSecret: secrets.client, serverHandshakeSecret: secrets.server)
        progress.resumption = resumption
        progress.earlyDataOffered = hello.resumption?.earlyDataOffered == true
        if hello.earlyDataRejectedByRetry { progress.earlyDataAccepted = false }
        state = .expectEncryptedExtensions(progress)
        return [
            .logSecret(.clientHandshakeTrafficSecret, secrets.client), .logSecret(.serverHandshakeTrafficSecret, secrets.server),
            .changeReadKeys(.tls13(parameters: parameters, trafficSecret: secrets.server)),
        ]
    }

    /// RFC 8446, Section 4.1.4: answer with a second ClientHello that fixes what the server asked for.
    private mutating func handleHelloRetryRequest(
        _ retryRequest: ServerHello, raw: ByteBuffer, hello: ClientHelloState, parameters: CipherSuiteParameters
    ) throws -> [HandshakeEvent] {
        guard hello.retry == nil else {
            throw PeerMisbehaved.unexpectedMessage("a second HelloRetryRequest")
        }
        var selectedGroup: NamedGroup?
        var cookie: [UInt8]?
        for item in retryRequest.extensions {
            switch item {
            case .supportedVersionsServer: break
            case .keyShareHelloRetryRequest(let group): selectedGroup = group
            case .cookie(let value): cookie = value
            default: throw PeerMisbehaved.unsupportedExtension(item.type, in: .serverHello)
            }
        }
        guard selectedGroup != nil || cookie != nil else {
            throw PeerMisbehaved.illegalParameter("the HelloRetryRequest would not change the ClientHello")
        }
        var extensions = hello.clientHello.extensions
        var keyPairs = hello.keyPairs
        let group = selectedGroup ?? keyPairs.first?.group ?? .x25519
        if let selectedGroup {
            guard case .supportedGroups(let offered)? = extensions.first(.supportedGroups), offered.contains(selectedGroup) else {
                throw PeerMisbehaved.illegalParameter("the HelloRetryRequest asks for \(selectedGroup), which the client did not offer")
            }
            guard !keyPairs.contains(where: { $0.group == selectedGroup }) else {
                throw PeerMisbehaved.illegalParameter("the HelloRetryRequest asks for \(selectedGroup), for which the client already sent a share")
            }
            let keyPair = try KeyExchangeKeyPair.generate(group: selectedGroup)
            keyPairs = [keyPair]
            replace(.keyShareClient([KeyShareEntry(group: selectedGroup, keyExchange: keyPair.publicKeyShare)]), in: &extensions)
        }
        if let cookie {
            replace(.cookie(cookie), in: &extensions)
        }
        var secondHello = hello.clientHello
        secondHello.extensions = extensions

        var transcript = hello.transcript
        transcript.choose(parameters.hash)
        transcript.replaceWithMessageHash()
        transcript.append(raw)
        let resumption = Self.reoffer(
            hello.resumption, in: &secondHello, transcript: transcript, hash: parameters.hash, now: configuration.now())
        var encoded = ByteBuffer()
        HandshakeMessage.clientHello(secondHello).encode(into: &encoded)
        transcript.append(encoded)

        state = .expectServerHello(ClientHelloState(
            clientHello: secondHello, keyPairs: keyPairs, transcript: transcript,
            retry: (group, retryRequest.cipherSuite), sentChangeCipherSpec: true, resumption: resumption,
            earlyDataRejectedByRetry: hello.resumption?.earlyDataOffered == true))
        // Early data ends here: the second ClientHello goes out unprotected (Section 4.2.10),
        // and the compatibility change_cipher_spec is sent only once (Section D.4).
        var events: [HandshakeEvent] = hello.resumption?.earlyDataOffered == true ? [.clearWriteKeys] : []
        if !hello.sentChangeCipherSpec { events.append(.sendChangeCipherSpec) }
        events.append(.sendHandshake(encoded))
        return events
    }

    /// Replaces the extension of the same type, keeping the position; appends it (before a
    /// pre_shared_key, which must stay last) when absent.
    private func replace(_ replacement: TLSExtension, in extensions: inout [TLSExtension]) {
        if let index = extensions.firstIndex(where: { $0.type == replacement.type }) {
            extensions[index] = replacement
        } else if let pskIndex = extensions.firstIndex(where: { $0.type == .preSharedKey }) {
            extensions.insert(replacement, at: pskIndex)
        } else {
            extensions.append(replacement)
        }
    }
}
