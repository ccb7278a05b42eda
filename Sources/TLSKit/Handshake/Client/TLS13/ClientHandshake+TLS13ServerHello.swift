import Crypto
import NIOCore

/// The ServerHello of a TLS 1.3 handshake (RFC 8446, Section 4.1.3): the start of the TLS 1.3
/// family of client states.
extension ClientHandshake {
    /// Completes the key exchange (or the PSK-only resumption), derives the handshake secrets
    /// and switches to the server's handshake keys, and to ours for writing unless 0-RTT data
    /// is still being written under the early keys: whatever the client sends from here on,
    /// an alert included, goes under keys the server reads with (Section 7.3).
    func acceptTLS13ServerHello(
        _ serverHello: ServerHello, raw: ByteBuffer, hello: ClientHelloState, parameters: CipherSuiteParameters
    ) throws -> (TLS13ClientState, [HandshakeEvent]) {
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
        let secrets = TLS13HandshakeSecrets(
            parameters: parameters, keySchedule: resumption?.keySchedule ?? TLS13KeySchedule(hash: parameters.hash),
            sharedSecret: sharedSecret, transcriptHash: transcript.currentHash())
        let earlyData: ClientEarlyDataOffer =
            if hello.resumption?.earlyDataOffered == true { .offered }
            else if hello.earlyDataRejectedByRetry { .rejectedByHelloRetryRequest }
            else { .notOffered }
        var events = secrets.logEvents + [HandshakeEvent.changeReadKeys(secrets.protection(secrets.server))]
        var sentChangeCipherSpec = hello.sentChangeCipherSpec
        if earlyData != .offered {
            // Section D.4: the compatibility change_cipher_spec goes before our first protected
            // record, which may be an alert about the server's flight.
            if !sentChangeCipherSpec {
                events.append(.sendChangeCipherSpec)
                sentChangeCipherSpec = true
            }
            events.append(.changeWriteKeys(secrets.protection(secrets.client)))
        }
        let next = TLS13ClientState.ExpectEncryptedExtensions(
            secrets: secrets, transcript: transcript, group: group, helloRetryRequested: hello.retry != nil,
            sentChangeCipherSpec: sentChangeCipherSpec, resumption: resumption, earlyData: earlyData)
        return (.expectEncryptedExtensions(next), events)
    }

    /// Section 4.2.11: the server may select only the PSK we offered, with a suite of its hash.
    private func selectedResumption(
        _ serverHello: ServerHello, hello: ClientHelloState, parameters: CipherSuiteParameters
    ) throws -> ClientResumptionOffer? {
        guard case .preSharedKeyServer(let index)? = serverHello.extensions.first(.preSharedKey) else { return nil }
        guard let offer = hello.resumption, hello.clientHello.offeredPSKs != nil else {
            throw PeerMisbehaved.unsupportedExtension(.preSharedKey, in: .serverHello)
        }
        guard index == 0 else {
            throw PeerMisbehaved.illegalParameter("the server selected PSK identity \(index), but only one was offered")
        }
        guard offer.parameters.hash == parameters.hash else {
            throw PeerMisbehaved.illegalParameter(
                "the server resumed with \(parameters.suite), whose hash differs from that of the session's \(offer.session.cipherSuite)")
        }
        return offer
    }

    /// The (EC)DHE shared secret and group; for a psk_ke resumption (no key_share, when we
    /// offered psk_ke) a zero secret and no group (Section 7.1).
    private func keyExchange(
        _ serverHello: ServerHello, hello: ClientHelloState, resumption: ClientResumptionOffer?,
        parameters: CipherSuiteParameters
    ) throws -> (sharedSecret: [UInt8], group: NamedGroup?) {
        guard case .keyShareServer(let share)? = serverHello.extensions.first(.keyShare) else {
            guard resumption != nil, configuration.resumptionKeyExchangeModes.contains(.pskKE) else {
                throw PeerMisbehaved.missingExtension(.keyShare)
            }
            return ([UInt8](repeating: 0, count: parameters.hash.digestLength), nil)
        }
        if resumption != nil, !configuration.resumptionKeyExchangeModes.contains(.pskDHEKE) {
            throw PeerMisbehaved.illegalParameter("the server resumed with psk_dhe_ke, which the client did not offer")
        }
        guard let keyPair = hello.keyPairs.first(where: { $0.group == share.group }) else {
            throw PeerMisbehaved.illegalParameter("the server's key share is for \(share.group), for which the client sent no share")
        }
        return (try keyPair.sharedSecret(peerShare: share.keyExchange), share.group)
    }
}
