import Crypto
import NIOCore
import Testing
import X509
import _CryptoExtras
@testable import TLSKit

/// A hand-driven TLS 1.2 client for the server tests: it builds a ClientHello, reads the
/// server's plaintext flight from a `ServerHandshakeHarness`, and computes its keys itself.
struct TLS12ScriptedClient {
    var hello: ClientHello
    var transcript = TranscriptHash()
    var parameters: CipherSuiteParameters?
    var serverHello: ServerHello?
    var serverMessages: [HandshakeMessage] = []
    var keys: TLS12SessionKeys?
    var clientProtection: RecordProtection?
    var serverProtection: RecordProtection?

    /// A TLS 1.2 ClientHello (no supported_versions), with the usual extensions.
    static func clientHello(
        suites: [CipherSuite] = CipherSuite.tls12Suites + [.tlsEmptyRenegotiationInfoSCSV],
        legacyVersion: ProtocolVersion = .tls12,
        compression: [UInt8] = [0],
        extendedMasterSecret: Bool = true,
        groups: [NamedGroup] = [.x25519, .secp256r1, .secp384r1],
        sessionID: [UInt8] = [],
        ticket: [UInt8]? = nil,
        extra: [TLSExtension] = []
    ) -> ClientHello {
        var extensions: [TLSExtension] = [
            .supportedGroups(groups), .ecPointFormats([0]), .signatureAlgorithms(SignatureScheme.tls12HandshakeSchemes),
        ]
        if extendedMasterSecret { extensions.append(.extendedMasterSecret) }
        if let ticket { extensions.append(.sessionTicket(ticket)) }
        extensions += extra
        return ClientHello(
            legacyVersion: legacyVersion, random: RandomBytes.generate(count: 32), legacySessionID: sessionID,
            cipherSuites: suites, legacyCompressionMethods: compression, extensions: extensions)
    }

    init(hello: ClientHello) {
        self.hello = hello
    }

    var helloRaw: ByteBuffer { HandshakeMessage.clientHello(hello).encoded }

    /// Sends the ClientHello and reads the server's first flight (plaintext handshake records).
    mutating func start(_ harness: inout ServerHandshakeHarness) throws {
        harness.receive(.clientHello(hello))
        try harness.drain()
        var reassembler = HandshakeReassembler(maximumMessageSize: 1 << 16)
        var pending: [(HandshakeType, ByteBuffer, ByteBuffer)] = []
        for (type, fragment) in harness.sentRecords {
            guard type == .handshake else { break }
            reassembler.append(fragment)
            while let message = try reassembler.nextMessage() { pending.append((message.type, message.body, message.raw)) }
        }
        for (type, body, raw) in pending {
            let message = try HandshakeMessage.decode(
                type: type, body: body, form: parameters.map { .tls12(keyExchange: $0.keyExchange) } ?? .tls13)
            if case .serverHello(let serverHello) = message {
                self.serverHello = serverHello
                let parameters = try #require(CipherSuiteParameters.tls12(serverHello.cipherSuite))
                self.parameters = parameters
                transcript.choose(parameters.hash)
                transcript.append(helloRaw)
            }
            transcript.append(raw)
            serverMessages.append(message)
        }
    }

    var serverRandom: [UInt8] { serverHello?.random ?? [] }

    /// The ClientKeyExchange for the server's ServerKeyExchange (ECDHE), and the premaster.
    func ecdheKeyExchange() throws -> (ClientKeyExchange, SymmetricKey) {
        for case .serverKeyExchange(let exchange) in serverMessages {
            let ours = try KeyExchangeKeyPair.generate(group: exchange.namedCurve)
            let secret = try ours.sharedSecret(peerShare: exchange.publicKey)
            return (.ecdhe(ecdhYc: ours.publicKeyShare), SymmetricKey(data: secret))
        }
        throw TLSError(code: .internalError, reason: "no ServerKeyExchange")
    }

    /// The server's RSA encryption key, from its leaf certificate.
    func serverEncryptionKey() throws -> _RSA.Encryption.PublicKey {
        for case .tls12Certificate(let certificate) in serverMessages {
            let leaf = try Certificate(derEncoded: try #require(certificate.certificateList.first))
            return try #require(TLS12RSAKeyExchange.encryptionKey(for: leaf.publicKey))
        }
        throw TLSError(code: .internalError, reason: "no Certificate")
    }

    /// Sends ClientKeyExchange (plaintext) and ChangeCipherSpec; derives the keys from
    /// `preMasterSecret`, the one this client means.
    mutating func sendKeyExchange(
        _ keyExchange: ClientKeyExchange, preMasterSecret: SymmetricKey, to harness: inout ServerHandshakeHarness
    ) throws {
        let parameters = try #require(parameters)
        let raw = HandshakeMessage.clientKeyExchange(keyExchange).encoded
        harness.receiveRecord(.handshake, raw)
        transcript.append(raw)
        let keys = TLS12SessionKeys(
            parameters: parameters, preMasterSecret: preMasterSecret,
            extendedMasterSecret: serverHello?.extensions.first(.extendedMasterSecret) != nil,
            sessionHash: transcript.currentHash(), clientRandom: hello.random, serverRandom: serverRandom)
        useKeys(keys)
        harness.receiveRecord(.changeCipherSpec, ByteBuffer(bytes: [1]))
    }

    mutating func useKeys(_ keys: TLS12SessionKeys) {
        self.keys = keys
        clientProtection = keys.recordProtection(writer: .client)
        serverProtection = keys.recordProtection(writer: .server)
    }

    /// The client's Finished as a protected record; `corrupt` flips one ciphertext byte.
    mutating func finishedRecord(corrupt: Bool = false) throws -> ByteBuffer {
        let keys = try #require(keys)
        let finished = HandshakeMessage.finished(keys.finished(sender: .client, handshakeHash: transcript.currentHash()))
        transcript.append(finished.encoded)
        var record = ByteBuffer()
        try clientProtection?.seal(contentType: .handshake, plaintext: finished.encoded, into: &record)
        if corrupt {
            let index = record.writerIndex - 20
            let byte = try #require(record.getInteger(at: index, as: UInt8.self))
            record.setInteger(byte ^ 0x01, at: index)
        }
        return record
    }

    /// Opens protected records the server sent, returning the handshake messages in them.
    mutating func openServerRecords(_ records: [(ContentType, ByteBuffer)]) throws -> [HandshakeMessage] {
        var messages: [HandshakeMessage] = []
        var reassembler = HandshakeReassembler(maximumMessageSize: 1 << 16)
        for (type, fragment) in records {
            var protection = try #require(serverProtection)
            let (inner, plaintext) = try protection.open(TLSRecord(contentType: type, legacyVersion: .tls12, fragment: fragment))
            serverProtection = protection
            #expect(inner == .handshake)
            reassembler.append(plaintext)
            while let message = try reassembler.nextMessage() {
                messages.append(try HandshakeMessage.decode(
                    type: message.type, body: message.body, form: .tls12(keyExchange: parameters?.keyExchange)))
            }
        }
        return messages
    }
}
