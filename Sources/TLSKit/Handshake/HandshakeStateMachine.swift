import NIOCore

/// The handshake state machine of one connection: the client's or the server's. The
/// connection talks to either through these queries and transitions. Each transition takes
/// the machine out of `self` (`consume`) and puts it back, so it is never copied.
enum HandshakeStateMachine {
    case client(ClientHandshake)
    case server(ServerHandshake)

    var role: TLSRole {
        switch self {
        case .client: .client
        case .server: .server
        }
    }

    /// The random of the ClientHello a client has just sent (for the key log), read from
    /// its first state; nil for a server or later.
    var initialClientRandom: [UInt8]? {
        guard case .client(let machine) = self, case .hello(let hello) = machine.state else { return nil }
        return hello.clientHello.random
    }

    /// Processes a change_cipher_spec record (already checked to be the single byte 1), in
    /// order with the handshake messages around it.
    mutating func handleChangeCipherSpec() throws -> HandshakeStep {
        switch consume self {
        case .client(var machine):
            defer { self = .client(machine) }
            return (try machine.handleChangeCipherSpec(), machine.messageForm)
        case .server(var machine):
            defer { self = .server(machine) }
            return (try machine.handleChangeCipherSpec(), machine.messageForm)
        }
    }

    /// Processes one handshake message; `raw` is its encoding with the header. Like every
    /// input here it returns a `HandshakeStep`: the events, and the form of the next message.
    mutating func handle(_ message: HandshakeMessage, raw: ByteBuffer) throws -> HandshakeStep {
        switch consume self {
        case .client(var machine):
            defer { self = .client(machine) }
            return (try machine.handle(message, raw: raw), machine.messageForm)
        case .server(var machine):
            defer { self = .server(machine) }
            return (try machine.handle(message, raw: raw), machine.messageForm)
        }
    }

    /// Hands the verifier's verdict to the paused handshake.
    mutating func completeVerification(_ result: CertificateVerificationResult) throws -> HandshakeStep {
        switch consume self {
        case .client(var machine):
            defer { self = .client(machine) }
            return (try machine.completeVerification(result), machine.messageForm)
        case .server(var machine):
            defer { self = .server(machine) }
            return (try machine.completeVerification(result), machine.messageForm)
        }
    }

    /// Starts a KeyUpdate of our own (RFC 8446, Section 4.6.3); only once connected.
    mutating func updateKeys(requestPeerUpdate: Bool) throws -> [HandshakeEvent] {
        switch consume self {
        case .client(var machine):
            defer { self = .client(machine) }
            return try machine.updateKeys(requestPeerUpdate: requestPeerUpdate)
        case .server(var machine):
            defer { self = .server(machine) }
            return try machine.updateKeys(requestPeerUpdate: requestPeerUpdate)
        }
    }
}
