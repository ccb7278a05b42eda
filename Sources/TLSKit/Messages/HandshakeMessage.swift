import NIOCore

/// A handshake message of TLS 1.3 (RFC 8446, Section 4) or TLS 1.2 (RFC 5246, Section 7.4).
/// Some type numbers have a different body in each version (Certificate, CertificateRequest,
/// NewSessionTicket): `decode(type:body:form:)` takes the form the negotiated version uses.
public enum HandshakeMessage: Hashable, Sendable {
    case clientHello(ClientHello)
    /// A ServerHello or a HelloRetryRequest (see `ServerHello.isHelloRetryRequest`).
    case serverHello(ServerHello)
    case encryptedExtensions(EncryptedExtensions)
    case certificate(CertificateMessage)
    case certificateRequest(CertificateRequest)
    case certificateVerify(CertificateVerify)
    case finished(Finished)
    case newSessionTicket(NewSessionTicket)
    case keyUpdate(KeyUpdate)
    case endOfEarlyData
    /// TLS 1.2 (RFC 5246, Section 7.4.1.1): the server asks for renegotiation.
    case helloRequest
    /// TLS 1.2, ECDHE suites (RFC 8422, Section 5.4).
    case serverKeyExchange(ServerKeyExchangeECDHE)
    /// TLS 1.2 (RFC 5246, Section 7.4.5).
    case serverHelloDone
    /// TLS 1.2 (RFC 5246, Section 7.4.7), in the form of the negotiated key exchange.
    case clientKeyExchange(ClientKeyExchange)
    /// The TLS 1.2 Certificate (RFC 5246, Section 7.4.2): a bare list of certificates.
    case tls12Certificate(TLS12CertificateMessage)
    /// The TLS 1.2 CertificateRequest (RFC 5246, Section 7.4.4).
    case tls12CertificateRequest(TLS12CertificateRequest)
    /// The TLS 1.2 NewSessionTicket (RFC 5077, Section 3.3).
    case tls12NewSessionTicket(TLS12NewSessionTicket)

    /// Which body the version-dependent types have.
    enum Form: Sendable, Hashable {
        /// RFC 8446; also what the hello messages of either version are read as.
        case tls13
        /// RFC 5246, with the key exchange of the negotiated suite once known (it fixes the
        /// form of ClientKeyExchange).
        case tls12(keyExchange: CipherSuiteParameters.KeyExchange?)

        /// Whether TLS 1.2 was negotiated.
        var isTLS12: Bool {
            if case .tls12 = self { return true }
            return false
        }
    }

    public var type: HandshakeType {
        switch self {
        case .clientHello: .clientHello
        case .serverHello: .serverHello
        case .encryptedExtensions: .encryptedExtensions
        case .certificate: .certificate
        case .certificateRequest: .certificateRequest
        case .certificateVerify: .certificateVerify
        case .finished: .finished
        case .newSessionTicket: .newSessionTicket
        case .keyUpdate: .keyUpdate
        case .endOfEarlyData: .endOfEarlyData
        case .helloRequest: .helloRequest
        case .serverKeyExchange: .serverKeyExchange
        case .serverHelloDone: .serverHelloDone
        case .clientKeyExchange: .clientKeyExchange
        case .tls12Certificate: .certificate
        case .tls12CertificateRequest: .certificateRequest
        case .tls12NewSessionTicket: .newSessionTicket
        }
    }

    /// Writes the 4-byte header (`msg_type`, `uint24` length) and the body (RFC 8446, Section 4).
    func encode(into buffer: inout ByteBuffer) {
        buffer.writeInteger(type.rawValue)
        buffer.writeTLSVector24 { body in
            switch self {
            case .clientHello(let message): message.encodeBody(into: &body)
            case .serverHello(let message): message.encodeBody(into: &body)
            case .encryptedExtensions(let message): message.encodeBody(into: &body)
            case .certificate(let message): message.encodeBody(into: &body)
            case .certificateRequest(let message): message.encodeBody(into: &body)
            case .certificateVerify(let message): message.encodeBody(into: &body)
            case .finished(let message): message.encodeBody(into: &body)
            case .newSessionTicket(let message): message.encodeBody(into: &body)
            case .keyUpdate(let message): message.encodeBody(into: &body)
            case .endOfEarlyData, .helloRequest, .serverHelloDone: break
            case .serverKeyExchange(let message): message.encodeBody(into: &body)
            case .clientKeyExchange(let message): message.encodeBody(into: &body)
            case .tls12Certificate(let message): message.encodeBody(into: &body)
            case .tls12CertificateRequest(let message): message.encodeBody(into: &body)
            case .tls12NewSessionTicket(let message): message.encodeBody(into: &body)
            }
        }
    }

    /// The encoded message, header included.
    var encoded: ByteBuffer {
        // Room for most messages at once (a ClientHello with a ticket, a Finished, a ticket),
        // so encoding does not grow the buffer step by step; a Certificate still grows it.
        var buffer = ByteBufferAllocator().buffer(capacity: Self.typicalEncodedSize)
        encode(into: &buffer)
        return buffer
    }

    /// Bytes that hold most encoded messages: all but a Certificate.
    static let typicalEncodedSize = 512

    /// An empty buffer for a flight of messages, with room for them and for `certificates`
    /// (the chain a Certificate message in it carries), so it is not grown message by message.
    static func flightBuffer(certificates: [[UInt8]] = []) -> ByteBuffer {
        let chainBytes = certificates.reduce(0) { $0 + $1.count + 8 }
        return ByteBufferAllocator().buffer(capacity: typicalEncodedSize + chainBytes)
    }

    /// Encodes the message at the end of `flight` and returns those bytes as a slice of it
    /// (for the transcript), without a buffer of its own. Drop the slice before writing more
    /// to `flight`, or that write copies the flight.
    func encode(appendingTo flight: inout ByteBuffer) -> ByteBuffer {
        let start = flight.writerIndex
        encode(into: &flight)
        return flight.getSlice(at: start, length: flight.writerIndex - start) ?? ByteBuffer()
    }

    /// Decodes one body of the given type, in `form`. The body must be consumed exactly
    /// (`DecodeError.trailingBytes`); a type the version does not have (EncryptedExtensions in
    /// TLS 1.2, ServerKeyExchange in TLS 1.3, ...) throws `PeerMisbehaved.unexpectedMessage`.
    static func decode(type: HandshakeType, body: ByteBuffer, form: Form = .tls13) throws -> HandshakeMessage {
        var body = body
        let message: HandshakeMessage
        switch (form, type) {
        case (_, .clientHello): message = .clientHello(try ClientHello.decodeBody(&body))
        case (_, .serverHello): message = .serverHello(try ServerHello.decodeBody(&body))
        case (_, .certificateVerify): message = .certificateVerify(try CertificateVerify.decodeBody(&body))
        case (_, .finished): message = .finished(try Finished.decodeBody(&body))
        case (.tls13, .encryptedExtensions): message = .encryptedExtensions(try EncryptedExtensions.decodeBody(&body))
        case (.tls13, .certificate): message = .certificate(try CertificateMessage.decodeBody(&body))
        case (.tls13, .certificateRequest): message = .certificateRequest(try CertificateRequest.decodeBody(&body))
        case (.tls13, .newSessionTicket): message = .newSessionTicket(try NewSessionTicket.decodeBody(&body))
        case (.tls13, .keyUpdate): message = .keyUpdate(try KeyUpdate.decodeBody(&body))
        case (.tls13, .endOfEarlyData): message = .endOfEarlyData
        case (.tls12, .helloRequest):
            _ = try HelloRequest.decodeBody(&body)
            message = .helloRequest
        case (.tls12, .serverKeyExchange): message = .serverKeyExchange(try ServerKeyExchangeECDHE.decodeBody(&body))
        case (.tls12, .serverHelloDone):
            _ = try ServerHelloDone.decodeBody(&body)
            message = .serverHelloDone
        case (.tls12(let keyExchange?), .clientKeyExchange):
            message = .clientKeyExchange(try ClientKeyExchange.decodeBody(&body, keyExchange: keyExchange))
        case (.tls12, .certificate): message = .tls12Certificate(try TLS12CertificateMessage.decodeBody(&body))
        case (.tls12, .certificateRequest): message = .tls12CertificateRequest(try TLS12CertificateRequest.decodeBody(&body))
        case (.tls12, .newSessionTicket): message = .tls12NewSessionTicket(try TLS12NewSessionTicket.decodeBody(&body))
        default:
            let version = if case .tls12 = form { "TLS 1.2" } else { "TLS 1.3" }
            throw PeerMisbehaved.unexpectedMessage("handshake message of type \(type), which \(version) does not have here")
        }
        try body.expectFullyRead("handshake message")
        return message
    }
}
