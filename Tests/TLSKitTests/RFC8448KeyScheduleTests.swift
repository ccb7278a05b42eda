import Crypto
import NIOCore
import Testing

@testable import TLSKit

/// RFC 8448, Section 3 (Simple 1-RTT Handshake), byte for byte.
@Suite struct RFC8448KeyScheduleTests {
    let parameters = CipherSuiteParameters.tls13(.tlsAES128GCMSHA256)

    func bytes(_ key: SymmetricKey) -> [UInt8] { key.withUnsafeBytes { Array($0) } }

    func transcript(_ messages: [[UInt8]]) -> TranscriptHash {
        var transcript = TranscriptHash()
        transcript.choose(.sha256)
        for message in messages { transcript.append(ByteBuffer(bytes: message)) }
        return transcript
    }

    @Test func x25519SharedSecretFromTheRFCKeys() throws {
        let client = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: RFC8448.clientPrivateKey)
        #expect(Array(client.publicKey.rawRepresentation) == RFC8448.clientPublicKey)
        let secret = try KeyExchangeKeyPair.x25519SharedSecret(client, peerShare: RFC8448.serverPublicKey)
        #expect(secret == RFC8448.sharedSecret)
        let server = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: RFC8448.serverPrivateKey)
        #expect(try KeyExchangeKeyPair.x25519SharedSecret(server, peerShare: RFC8448.clientPublicKey) == RFC8448.sharedSecret)
    }

    @Test func transcriptHashes() {
        let hello = transcript([RFC8448.clientHello, RFC8448.serverHello])
        #expect(hello.currentHash() == RFC8448.helloHash)
        let serverFlight = transcript([
            RFC8448.clientHello, RFC8448.serverHello, RFC8448.encryptedExtensions, RFC8448.certificate,
            RFC8448.certificateVerify, RFC8448.serverFinished,
        ])
        #expect(serverFlight.currentHash() == RFC8448.serverFinishedHash)
        var all = serverFlight
        all.append(ByteBuffer(bytes: RFC8448.clientFinished))
        #expect(all.currentHash() == RFC8448.clientFinishedHash)
        // Taking a snapshot does not disturb the running hash.
        #expect(serverFlight.currentHash() == RFC8448.serverFinishedHash)
    }

    @Test func earlyAndDerivedSecrets() {
        let schedule = TLS13KeySchedule(hash: .sha256)
        let zeros = [UInt8](repeating: 0, count: 32)
        let early = TLSHashAlgorithm.sha256.hkdfExtract(salt: zeros, inputKeyMaterial: SymmetricKey(data: zeros))
        #expect(bytes(early) == RFC8448.earlySecret)
        let derived = schedule.deriveSecret(early, label: "derived", transcriptHash: TLSHashAlgorithm.sha256.emptyHash)
        #expect(bytes(derived) == RFC8448.derivedForHandshake)
        let handshake = TLSHashAlgorithm.sha256.hkdfExtract(
            salt: RFC8448.derivedForHandshake, inputKeyMaterial: SymmetricKey(data: RFC8448.sharedSecret))
        #expect(bytes(handshake) == RFC8448.handshakeSecret)
    }

    @Test func fullKeySchedule() throws {
        let parameters = try #require(parameters)
        var schedule = TLS13KeySchedule(hash: .sha256)

        let handshake = schedule.deriveHandshakeSecrets(
            sharedSecret: RFC8448.sharedSecret, transcriptHash: RFC8448.helloHash)
        #expect(bytes(handshake.client) == RFC8448.clientHandshakeTrafficSecret)
        #expect(bytes(handshake.server) == RFC8448.serverHandshakeTrafficSecret)

        let serverHandshakeKeys = TrafficKeys(parameters: parameters, secret: handshake.server)
        #expect(bytes(serverHandshakeKeys.key) == RFC8448.serverHandshakeKey)
        #expect(serverHandshakeKeys.iv == RFC8448.serverHandshakeIV)
        let clientHandshakeKeys = TrafficKeys(parameters: parameters, secret: handshake.client)
        #expect(bytes(clientHandshakeKeys.key) == RFC8448.clientHandshakeKey)
        #expect(clientHandshakeKeys.iv == RFC8448.clientHandshakeIV)

        // Server Finished over ClientHello..CertificateVerify.
        let beforeServerFinished = transcript([
            RFC8448.clientHello, RFC8448.serverHello, RFC8448.encryptedExtensions, RFC8448.certificate,
            RFC8448.certificateVerify,
        ]).currentHash()
        let finishedKey = TLS13KeySchedule.hkdfExpandLabel(
            hash: .sha256, secret: handshake.server, label: "finished", context: [], length: 32)
        #expect(bytes(finishedKey) == RFC8448.serverFinishedKey)
        let serverVerifyData = schedule.finishedVerifyData(
            trafficSecret: handshake.server, transcriptHash: beforeServerFinished)
        #expect(serverVerifyData == RFC8448.serverFinishedVerifyData)
        #expect(constantTimeEquals(serverVerifyData, RFC8448.serverFinishedVerifyData))

        let application = schedule.deriveApplicationSecrets(transcriptHash: RFC8448.serverFinishedHash)
        #expect(bytes(application.client) == RFC8448.clientApplicationTrafficSecret)
        #expect(bytes(application.server) == RFC8448.serverApplicationTrafficSecret)
        #expect(bytes(application.exporterMaster) == RFC8448.exporterMasterSecret)

        let serverApplicationKeys = TrafficKeys(parameters: parameters, secret: application.server)
        #expect(bytes(serverApplicationKeys.key) == RFC8448.serverApplicationKey)
        #expect(serverApplicationKeys.iv == RFC8448.serverApplicationIV)
        let clientApplicationKeys = TrafficKeys(parameters: parameters, secret: application.client)
        #expect(bytes(clientApplicationKeys.key) == RFC8448.clientApplicationKey)
        #expect(clientApplicationKeys.iv == RFC8448.clientApplicationIV)

        // Client Finished over ClientHello..server Finished.
        let clientVerifyData = schedule.finishedVerifyData(
            trafficSecret: handshake.client, transcriptHash: RFC8448.serverFinishedHash)
        #expect(clientVerifyData == RFC8448.clientFinishedVerifyData)

        let resumption = schedule.resumptionMasterSecret(transcriptHash: RFC8448.clientFinishedHash)
        #expect(bytes(resumption) == RFC8448.resumptionMasterSecret)
    }

    @Test func masterSecretMatchesTheRFC() {
        // The master secret is internal; check it by recomputing the application secret from it.
        let expected = TLS13KeySchedule.hkdfExpandLabel(
            hash: .sha256, secret: SymmetricKey(data: RFC8448.masterSecret), label: "c ap traffic",
            context: RFC8448.serverFinishedHash, length: 32)
        #expect(bytes(expected) == RFC8448.clientApplicationTrafficSecret)
        let derived = TLS13KeySchedule(hash: .sha256).deriveSecret(
            SymmetricKey(data: RFC8448.handshakeSecret), label: "derived", transcriptHash: TLSHashAlgorithm.sha256.emptyHash)
        let master = derived.withUnsafeBytes { salt in
            TLSHashAlgorithm.sha256.hkdfExtract(salt: salt, inputKeyMaterial: SymmetricKey(data: [UInt8](repeating: 0, count: 32)))
        }
        #expect(bytes(master) == RFC8448.masterSecret)
    }

    @Test func resumptionPSKAndBinder() {
        // RFC 8448, Section 4: the ticket's PSK, the early secret from it and the binder.
        let psk = TLS13KeySchedule.resumptionPSK(
            hash: .sha256, resumptionMasterSecret: SymmetricKey(data: RFC8448.resumptionMasterSecret), ticketNonce: [0, 0])
        #expect(bytes(psk) == RFC8448.resumptionPSK)
        let schedule = TLS13KeySchedule(hash: .sha256, psk: psk)
        let binderKey = schedule.binderKey(external: false)
        #expect(bytes(binderKey) == RFC8448.resumptionBinderKey)
        #expect(bytes(schedule.binderKey(external: true)) != RFC8448.resumptionBinderKey)
        #expect(schedule.finishedVerifyData(trafficSecret: binderKey, transcriptHash: RFC8448.binderHash) == RFC8448.binder)
    }

    @Test func encryptedServerFlight() throws {
        let parameters = try #require(parameters)
        let secret = SymmetricKey(data: RFC8448.serverHandshakeTrafficSecret)
        let flight = RFC8448.encryptedExtensions + RFC8448.certificate + RFC8448.certificateVerify + RFC8448.serverFinished
        #expect(flight.count == 657)

        var sealer = TLS13RecordProtection(parameters: parameters, trafficSecret: secret)
        var output = ByteBuffer()
        try sealer.seal(contentType: .handshake, plaintext: ByteBuffer(bytes: flight), into: &output)
        #expect(Array(output.readableBytesView) == RFC8448.serverFlightRecord)
        #expect(sealer.sequenceNumber == 1)

        var deframer = RecordDeframer()
        var wire = ByteBuffer(bytes: RFC8448.serverFlightRecord)
        deframer.append(&wire)
        let record = try #require(try deframer.nextRecord())
        var opener = TLS13RecordProtection(parameters: parameters, trafficSecret: secret)
        let opened = try opener.open(record)
        #expect(opened.contentType == .handshake)
        #expect(Array(opened.plaintext.readableBytesView) == flight)
        #expect(opener.sequenceNumber == 1)
    }

    @Test func theRFCsCertificateVerifyKeyIsTooSmall() throws {
        // The RFC's server certificate carries a 1024-bit RSA key; swift-crypto refuses RSA keys
        // under 2048 bits, so its rsa_pss_rsae_sha256 CertificateVerify cannot be checked here and
        // must be refused rather than accepted.
        var certificateMessage = ByteBuffer(bytes: RFC8448.certificate)
        certificateMessage.moveReaderIndex(forwardBy: 4 + 1 + 3 + 3)  // header, context, list length, cert length
        let leaf = Array(certificateMessage.readableBytesView.prefix(0x1b0))
        #expect(leaf.first == 0x30 && leaf.count == 0x1b0)
        let transcriptHash = transcript([
            RFC8448.clientHello, RFC8448.serverHello, RFC8448.encryptedExtensions, RFC8448.certificate,
        ]).currentHash()
        let content = TLSSignatureVerification.certificateVerifyContent(transcriptHash: transcriptHash, isServer: true)
        let signature = Array(RFC8448.certificateVerify.dropFirst(8))
        #expect(signature.count == 128)
        #expect(throws: (any Error).self) {
            try TLSSignatureVerification.verify(
                scheme: .rsaPSSRSAESHA256, signature: signature, content: content, leafCertificateDER: leaf)
        }
    }
}
