import Crypto
import NIOCore
import Testing
@testable import TLSKit

/// A TLS 1.2 server played by a test against a client `ClientHandshakeHarness`: it builds
/// its messages from TLSKit's TLS 1.2 pieces (ServerKeyExchange signing, PRF, record
/// protection) and checks the client's flight the way a server would.
struct TLS12ScriptedServer {
    let suite: CipherSuite
    let parameters: CipherSuiteParameters
    let certificate: TLS12SigningFixture
    let serverRandom = RandomBytes.generate(count: 32)
    let sessionID: [UInt8] = Array(repeating: 9, count: 32)
    var clientHello: ClientHello
    var transcript = TranscriptHash()
    /// The raw messages, for checking a CertificateVerify.
    var messages = ByteBuffer()
    var keyPair: KeyExchangeKeyPair?
    var keys: TLS12SessionKeys?
    var serverWrite: RecordProtection?
    /// The premaster secret of an RSA key exchange, as the server decrypted it.
    var rsaPreMasterSecret: SymmetricKey?

    init(harness: ClientHandshakeHarness, suite: CipherSuite, certificate: DevelopmentKeyType) throws {
        self.suite = suite
        parameters = try #require(CipherSuiteParameters.tls12(suite))
        self.certificate = try TLS12SigningFixture.get(certificate)
        clientHello = try #require(harness.clientHellos.first)
        transcript.choose(parameters.hash)
        let raw = try #require(harness.sentRecords.first?.1)
        transcript.append(raw)
        messages.writeImmutableBuffer(raw)
    }

    /// Sends `message` in plaintext and adds it to the transcript.
    mutating func send(_ message: HandshakeMessage, to harness: inout ClientHandshakeHarness) {
        let encoded = message.encoded
        record(encoded)
        harness.receiveRecord(.handshake, encoded)
    }

    mutating func record(_ encoded: ByteBuffer) {
        transcript.append(encoded)
        messages.writeImmutableBuffer(encoded)
    }

    func serverHello(extensions: [TLSExtension] = ClientHandshakeHarness.tls12ServerHelloExtensions) -> HandshakeMessage {
        .serverHello(ServerHello(random: serverRandom, legacySessionIDEcho: sessionID, cipherSuite: suite, extensions: extensions))
    }

    var certificateMessage: HandshakeMessage {
        .tls12Certificate(TLS12CertificateMessage(certificateList: [certificate.certificateDER]))
    }

    /// A ServerKeyExchange on `group`, signed for the client's signature_algorithms.
    mutating func serverKeyExchange(group: NamedGroup = .x25519) throws -> ServerKeyExchangeECDHE {
        let keyPair = try KeyExchangeKeyPair.generate(group: group)
        self.keyPair = keyPair
        guard case .signatureAlgorithms(let schemes)? = clientHello.extensions.first(.signatureAlgorithms) else {
            throw TLSError(code: .internalError, reason: "no signature_algorithms in the ClientHello")
        }
        return try TLS12ECDHEKeyExchange.makeServerKeyExchange(
            group: group, keyPair: keyPair, clientRandom: clientHello.random, serverRandom: serverRandom,
            signingKey: certificate.key, peerSchemes: schemes)
    }

    /// The client's flight as the server read it.
    struct ClientFlight {
        /// The bodies of its handshake messages, by type.
        var bodies: [HandshakeType: ByteBuffer] = [:]
        /// The messages its CertificateVerify signs (everything before it), when it sent one.
        var signedMessages: [UInt8]?
    }

    /// Reads the client's flight from what it sent since `index`: its plaintext handshake
    /// messages, ChangeCipherSpec, and encrypted Finished, which must verify.
    mutating func receiveClientFlight(
        from harness: ClientHandshakeHarness, since index: Int, extendedMasterSecret: Bool = true
    ) throws -> ClientFlight {
        let sent = Array(harness.sentRecords[index...])
        #expect(sent.map(\.0) == [.handshake, .changeCipherSpec, .handshake])
        var flight = try #require(sent.first?.1)
        var result = ClientFlight()
        var sessionHash: [UInt8]?
        while flight.readableBytes > 0 {
            var peek = flight
            let type = HandshakeType(rawValue: try peek.readTLSUInt8())
            let body = try peek.readTLSVector24("message")
            let length = peek.readerIndex - flight.readerIndex
            let raw = try flight.readTLSBytes(count: length, "message")
            if type == .certificateVerify {
                result.signedMessages = Array(messages.readableBytesView)
            }
            record(ByteBuffer(bytes: raw))
            result.bodies[type] = body
            if type == .clientKeyExchange { sessionHash = transcript.currentHash() }
        }
        let bodies = result.bodies
        var keyExchangeBody = try #require(bodies[.clientKeyExchange])
        let preMasterSecret: SymmetricKey
        switch try ClientKeyExchange.decodeBody(&keyExchangeBody, keyExchange: try #require(parameters.keyExchange)) {
        case .ecdhe(let point):
            preMasterSecret = try TLS12ECDHEKeyExchange.serverPreMasterSecret(keyPair: try #require(keyPair), clientPublicKey: point)
        case .rsa(let encrypted):
            let privateKey = try #require(TLS12RSAKeyExchange.decryptionKey(for: certificate.key))
            preMasterSecret = TLS12RSAKeyExchange.decryptPreMasterSecret(
                encryptedPreMasterSecret: encrypted, privateKey: privateKey, clientVersion: .tls12)
            rsaPreMasterSecret = preMasterSecret
        }
        let keys = TLS12SessionKeys(
            parameters: parameters, preMasterSecret: preMasterSecret, extendedMasterSecret: extendedMasterSecret,
            sessionHash: try #require(sessionHash), clientRandom: clientHello.random, serverRandom: serverRandom)
        self.keys = keys
        var clientWrite = keys.recordProtection(writer: .client)
        let finishedRecord = try #require(sent.last)
        let (type, finished) = try clientWrite.open(
            TLSRecord(contentType: finishedRecord.0, legacyVersion: .tls12, fragment: finishedRecord.1))
        #expect(type == .handshake)
        let expected = HandshakeMessage.finished(keys.finished(sender: .client, handshakeHash: transcript.currentHash())).encoded
        #expect(finished == expected)
        record(finished)
        return result
    }

    /// Sends [NewSessionTicket] ChangeCipherSpec Finished.
    mutating func finish(ticket: TLS12NewSessionTicket?, to harness: inout ClientHandshakeHarness) throws {
        if let ticket { send(.tls12NewSessionTicket(ticket), to: &harness) }
        harness.receiveRecord(.changeCipherSpec, ByteBuffer(bytes: [1]))
        let keys = try #require(keys)
        let finished = HandshakeMessage.finished(keys.finished(sender: .server, handshakeHash: transcript.currentHash())).encoded
        record(finished)
        var protection = keys.recordProtection(writer: .server)
        var output = ByteBuffer()
        try protection.seal(contentType: .handshake, plaintext: finished, into: &output)
        serverWrite = protection
        harness.connection.receive(&output)
    }
}
