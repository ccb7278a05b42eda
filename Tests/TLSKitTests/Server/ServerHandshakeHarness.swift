import NIOCore
import Testing
@testable import TLSKit

/// Drives a server `TLSConnection` with ClientHellos a test builds by hand, and records what
/// the server sends.
struct ServerHandshakeHarness {
    var connection: TLSConnection
    /// Every record the server sent, as (type, fragment).
    var sentRecords: [(ContentType, ByteBuffer)] = []

    init(configuration: TLSServerConfiguration) throws {
        connection = try TLSConnection(configuration: configuration)
    }

    /// A TLS 1.3 ClientHello with shares for `shareGroups`, and the key pairs behind them.
    static func clientHello(
        suites: [CipherSuite] = CipherSuite.tls13Suites,
        groups: [NamedGroup] = [.x25519, .secp256r1],
        shareGroups: [NamedGroup] = [.x25519],
        sessionID: [UInt8] = Array(repeating: 0x5A, count: 32),
        leaving omitted: Set<ExtensionType> = [],
        extra: [TLSExtension] = []
    ) throws -> (ClientHello, [KeyExchangeKeyPair]) {
        let keyPairs = try shareGroups.map { try KeyExchangeKeyPair.generate(group: $0) }
        var extensions: [TLSExtension] = [
            .supportedVersionsClient([.tls13]),
            .supportedGroups(groups),
            .keyShareClient(keyPairs.map { KeyShareEntry(group: $0.group, keyExchange: $0.publicKeyShare) }),
            .signatureAlgorithms(SignatureScheme.tls13HandshakeSchemes),
        ]
        extensions.removeAll { omitted.contains($0.type) }
        extensions += extra
        let hello = ClientHello(
            random: Array(repeating: 0x11, count: 32), legacySessionID: sessionID, cipherSuites: suites,
            extensions: extensions)
        return (hello, keyPairs)
    }

    mutating func receiveRecord(_ type: ContentType, _ payload: ByteBuffer) {
        var record = ByteBuffer()
        record.writeInteger(type.rawValue)
        record.writeInteger(UInt16(0x0301))
        record.writeInteger(UInt16(payload.readableBytes))
        record.writeImmutableBuffer(payload)
        connection.receive(&record)
    }

    mutating func receive(_ message: HandshakeMessage) {
        receiveRecord(.handshake, message.encoded)
    }

    /// Collects what the server sends until it wants input.
    mutating func drain() throws {
        while let action = try connection.nextAction() {
            guard case .send(let bytes) = action else { continue }
            sentRecords += try TestRecords.split(bytes)
        }
    }

    /// Expects the connection to fail with `alert`: an alert goes out first (checked when it
    /// is still in plaintext), then the error is thrown, and thrown again later.
    @discardableResult
    mutating func expectFailure(_ alert: AlertDescription) throws -> TLSError {
        var sentSomething = false
        var thrown: TLSError?
        for _ in 0..<16 {
            do {
                guard let action = try connection.nextAction() else { break }
                guard case .send(let bytes) = action else { continue }
                let records = try TestRecords.split(bytes)
                sentRecords += records
                sentSomething = true
                if let (type, fragment) = records.last, type == .alert {
                    #expect(fragment.getInteger(at: fragment.readerIndex + 1, as: UInt8.self) == alert.rawValue)
                }
            } catch let error as TLSError {
                thrown = error
                break
            }
        }
        let error = try #require(thrown, "the server did not fail")
        #expect(sentSomething, "no alert was sent")
        #expect(error.alert == alert, "\(error)")
        #expect(throws: TLSError.self) { _ = try connection.nextAction() }
        return error
    }

    /// The first record, decoded as a ServerHello, with its raw encoding.
    func serverHello() throws -> (ServerHello, ByteBuffer) {
        let (type, fragment) = try #require(sentRecords.first)
        #expect(type == .handshake)
        var body = fragment
        let messageType = try body.readTLSUInt8()
        #expect(messageType == HandshakeType.serverHello.rawValue)
        let payload = try body.readTLSVector24("ServerHello")
        guard case .serverHello(let hello) = try HandshakeMessage.decode(type: .serverHello, body: payload) else {
            throw TLSError(code: .internalError, reason: "not a ServerHello")
        }
        return (hello, fragment)
    }
}
