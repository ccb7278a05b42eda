import Crypto
import NIOCore

/// The hello phase answering a HelloRetryRequest (RFC 8446, Section 4.1.4); the handshake
/// stays in the hello phase, waiting for the ServerHello.
extension ClientHandshake {
    /// Answers with a second ClientHello that fixes what the server asked for.
    func handleHelloRetryRequest(
        _ retryRequest: ServerHello, raw: ByteBuffer, hello: ClientHelloState, parameters: CipherSuiteParameters
    ) throws -> (ClientHelloState, [HandshakeEvent]) {
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
            Self.replace(.keyShareClient([KeyShareEntry(group: selectedGroup, keyExchange: keyPair.publicKeyShare)]), in: &extensions)
        }
        if let cookie {
            Self.replace(.cookie(cookie), in: &extensions)
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

        let retried = ClientHelloState(
            clientHello: secondHello, keyPairs: keyPairs, transcript: transcript,
            retry: (group, retryRequest.cipherSuite), sentChangeCipherSpec: true, resumption: resumption,
            earlyDataRejectedByRetry: hello.resumption?.earlyDataOffered == true)
        // Early data ends here: the second ClientHello goes out unprotected (Section 4.2.10),
        // and the compatibility change_cipher_spec is sent only once (Section D.4).
        var events: [HandshakeEvent] = hello.resumption?.earlyDataOffered == true ? [.clearWriteKeys] : []
        if !hello.sentChangeCipherSpec { events.append(.sendChangeCipherSpec) }
        events.append(.sendHandshake(encoded))
        return (retried, events)
    }

    /// Replaces the extension of the same type, keeping the position; appends it (before a
    /// pre_shared_key, which must stay last) when absent.
    private static func replace(_ replacement: TLSExtension, in extensions: inout [TLSExtension]) {
        if let index = extensions.firstIndex(where: { $0.type == replacement.type }) {
            extensions[index] = replacement
        } else if let pskIndex = extensions.firstIndex(where: { $0.type == .preSharedKey }) {
            extensions.insert(replacement, at: pskIndex)
        } else {
            extensions.append(replacement)
        }
    }
}
