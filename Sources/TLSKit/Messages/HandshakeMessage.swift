import NIOCore

/// A TLS 1.3 handshake message (RFC 8446, Section 4).
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
            case .endOfEarlyData: break
            }
        }
    }

    /// The encoded message, header included.
    var encoded: ByteBuffer {
        var buffer = ByteBuffer()
        encode(into: &buffer)
        return buffer
    }

    /// Decodes one body of the given type. The body must be consumed exactly
    /// (`DecodeError.trailingBytes`); types other than the TLS 1.3 messages above throw
    /// `PeerMisbehaved.unexpectedMessage`.
    static func decode(type: HandshakeType, body: ByteBuffer) throws -> HandshakeMessage {
        var body = body
        let message: HandshakeMessage
        switch type {
        case .clientHello: message = .clientHello(try ClientHello.decodeBody(&body))
        case .serverHello: message = .serverHello(try ServerHello.decodeBody(&body))
        case .encryptedExtensions: message = .encryptedExtensions(try EncryptedExtensions.decodeBody(&body))
        case .certificate: message = .certificate(try CertificateMessage.decodeBody(&body))
        case .certificateRequest: message = .certificateRequest(try CertificateRequest.decodeBody(&body))
        case .certificateVerify: message = .certificateVerify(try CertificateVerify.decodeBody(&body))
        case .finished: message = .finished(try Finished.decodeBody(&body))
        case .newSessionTicket: message = .newSessionTicket(try NewSessionTicket.decodeBody(&body))
        case .keyUpdate: message = .keyUpdate(try KeyUpdate.decodeBody(&body))
        case .endOfEarlyData: message = .endOfEarlyData
        default: throw PeerMisbehaved.unexpectedMessage("handshake message of type \(type)")
        }
        try body.expectFullyRead("handshake message")
        return message
    }
}
