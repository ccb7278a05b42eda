import TLSKit

/// Builds a `ProbeReply` from the events of a `PlaintextRecordReader`, and says when the
/// plaintext part of the server's flight is over.
struct ProbeReplyAssembler {
    private(set) var reply = ProbeReply(outcome: .closed)
    /// Set once nothing more worth reading can come: ServerHelloDone, a TLS 1.3 ServerHello
    /// or HelloRetryRequest, an alert, or an encrypted record.
    private(set) var isComplete = false

    /// Takes one event; afterwards check `isComplete`.
    mutating func absorb(_ event: PlaintextRecordReader.Event) {
        guard !self.isComplete else { return }
        switch event {
        case .alert(let level, let description):
            if self.reply.serverHello == nil {
                self.reply.outcome = .alert(description)
                self.isComplete = true
            } else if level == 2 || description == .closeNotify {
                self.reply.laterAlert = description
                self.isComplete = true
            }
        case .changeCipherSpec:
            // A TLS 1.3 middlebox-compatibility record (RFC 8446, Section D.4); nothing to read.
            break
        case .otherRecord:
            self.isComplete = true
        case .handshake(let type, let body):
            self.absorbHandshake(type: type, body: body)
        }
    }

    private mutating func absorbHandshake(type: HandshakeType, body: [UInt8]) {
        guard self.reply.serverHello != nil else {
            guard type == .serverHello else {
                self.fail("the server sent a \(type) message before its ServerHello")
                return
            }
            do {
                guard case .serverHello(let hello) = try HandshakeMessage.decodePlaintext(type: .serverHello, body: body, tls12: true) else {
                    self.fail("the ServerHello could not be read")
                    return
                }
                self.reply.outcome = .serverHello(hello)
                if hello.isHelloRetryRequest || self.reply.negotiatedVersion == .tls13 {
                    self.isComplete = true
                }
            } catch {
                self.fail("the ServerHello is malformed: \(ErrorDescription.describe(error))")
            }
            return
        }
        switch type {
        case .certificate:
            if case .tls12Certificate(let message)? = try? HandshakeMessage.decodePlaintext(type: type, body: body, tls12: true) {
                self.reply.certificates = message.certificateList
            }
        case .serverKeyExchange:
            self.reply.sawServerKeyExchange = true
            self.reply.serverKeyExchangeBody = body
            if case .serverKeyExchange(let message)? = try? HandshakeMessage.decodePlaintext(type: type, body: body, tls12: true) {
                self.reply.serverKeyExchange = message
            }
        case .certificateStatus:
            self.reply.sawCertificateStatus = true
        case .serverHelloDone:
            self.isComplete = true
        default:
            break
        }
    }

    private mutating func fail(_ why: String) {
        self.reply.outcome = .malformed(why)
        self.isComplete = true
    }
}
