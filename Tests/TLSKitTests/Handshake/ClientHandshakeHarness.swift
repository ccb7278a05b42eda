import NIOCore
import Testing
@testable import TLSKit

/// Drives a client `TLSConnection` with handshake messages a test builds by hand, acting as
/// a scripted server in plaintext (everything up to and including ServerHello is unprotected).
struct ClientHandshakeHarness {
    struct AcceptAnything: CertificateVerifier {
        func verify(_ request: CertificateVerificationRequest) async -> CertificateVerificationResult { .skippedInsecure }
    }

    var connection: TLSConnection
    /// The ClientHello(s) the client sent, in order.
    var clientHellos: [ClientHello] = []
    /// Every record the client sent, as (type, fragment).
    var sentRecords: [(ContentType, ByteBuffer)] = []

    static func configuration() -> TLSClientConfiguration {
        TLSClientConfiguration(certificateVerifier: AcceptAnything())
    }

    init(configuration: TLSClientConfiguration = Self.configuration(), serverName: String? = "localhost") throws {
        connection = try TLSConnection(configuration: configuration, serverName: serverName)
        try drain()
    }

    /// Collects what the client sends until it wants input; parses plaintext ClientHellos.
    mutating func drain() throws {
        while let action = try connection.nextAction() {
            guard case .send(var bytes) = action else { continue }
            while bytes.readableBytes >= 5 {
                let type = ContentType(rawValue: try bytes.readTLSUInt8())
                _ = try bytes.readTLSUInt16()
                let fragment = try bytes.readTLSVector16("record")
                sentRecords.append((type, fragment))
                if type == .handshake, fragment.getInteger(at: fragment.readerIndex, as: UInt8.self) == 1 {
                    var body = fragment
                    _ = try body.readTLSUInt8()
                    let payload = try body.readTLSVector24("ClientHello")
                    if case .clientHello(let hello) = try HandshakeMessage.decode(type: .clientHello, body: payload) {
                        clientHellos.append(hello)
                    }
                }
            }
        }
    }

    /// Sends one plaintext record of the given type from the "server".
    mutating func receiveRecord(_ type: ContentType, _ payload: ByteBuffer) {
        var record = ByteBuffer()
        record.writeInteger(type.rawValue)
        record.writeInteger(UInt16(0x0303))
        record.writeInteger(UInt16(payload.readableBytes))
        record.writeImmutableBuffer(payload)
        connection.receive(&record)
    }

    mutating func receive(_ message: HandshakeMessage) {
        var encoded = ByteBuffer()
        message.encode(into: &encoded)
        receiveRecord(.handshake, encoded)
    }

    /// Expects the connection to fail: first the fatal alert goes out, then the error is thrown,
    /// and thrown again on later calls. Returns the error.
    mutating func expectFailure(sendsAlert alert: AlertDescription?) throws -> TLSError {
        var sentAlert: AlertDescription?
        var thrown: TLSError?
        for _ in 0..<8 {
            do {
                guard let action = try connection.nextAction() else { break }
                if case .send(var bytes) = action, bytes.readableBytes == 7,
                   bytes.getInteger(at: bytes.readerIndex, as: UInt8.self) == ContentType.alert.rawValue {
                    bytes.moveReaderIndex(forwardBy: 6)
                    sentAlert = bytes.readInteger(as: UInt8.self).map(AlertDescription.init(rawValue:))
                }
            } catch let error as TLSError {
                thrown = error
                break
            }
        }
        let error = try #require(thrown, "the connection did not fail")
        #expect(sentAlert == alert)
        #expect(error.alert == alert || alert == nil)
        #expect(throws: TLSError.self) { _ = try connection.nextAction() }
        return error
    }

    /// A ServerHello that accepts the last ClientHello with its share for `group`.
    func serverHello(
        cipherSuite: CipherSuite = .tlsAES128GCMSHA256,
        version: ProtocolVersion? = .tls13,
        keyShare: KeyShareEntry? = nil,
        group: NamedGroup = .x25519,
        sessionIDEcho: [UInt8]? = nil,
        extraExtensions: [TLSExtension] = []
    ) throws -> ServerHello {
        let hello = try #require(clientHellos.last)
        var extensions: [TLSExtension] = []
        if let version { extensions.append(.supportedVersionsServer(version)) }
        if let keyShare {
            extensions.append(.keyShareServer(keyShare))
        } else {
            guard case .keyShareClient(let shares)? = hello.extensions.first(.keyShare),
                  let share = shares.first(where: { $0.group == group }) else {
                throw TLSError(code: .internalError, reason: "the ClientHello carries no \(group) share")
            }
            let response = try KeyExchangeResponder.respond(group: group, clientShare: share.keyExchange)
            extensions.append(.keyShareServer(KeyShareEntry(group: group, keyExchange: response.serverShare)))
        }
        extensions += extraExtensions
        return ServerHello(
            random: Array(repeating: 7, count: 32), legacySessionIDEcho: sessionIDEcho ?? hello.legacySessionID,
            cipherSuite: cipherSuite, extensions: extensions)
    }

    /// A HelloRetryRequest asking for `group`, optionally with a cookie.
    func helloRetryRequest(
        group: NamedGroup?, cookie: [UInt8]? = nil, cipherSuite: CipherSuite = .tlsAES128GCMSHA256
    ) throws -> ServerHello {
        let hello = try #require(clientHellos.last)
        var extensions: [TLSExtension] = [.supportedVersionsServer(.tls13)]
        if let group { extensions.append(.keyShareHelloRetryRequest(group)) }
        if let cookie { extensions.append(.cookie(cookie)) }
        return ServerHello(
            random: ServerHello.helloRetryRequestRandom, legacySessionIDEcho: hello.legacySessionID,
            cipherSuite: cipherSuite, extensions: extensions)
    }
}
