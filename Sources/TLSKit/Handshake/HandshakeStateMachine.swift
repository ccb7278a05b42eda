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

    /// The form the next handshake message is decoded in: TLS 1.2's once that version is
    /// negotiated, with its key exchange once the suite is known; TLS 1.3's before.
    var messageForm: HandshakeMessage.Form {
        switch self {
        case .client(let machine): machine.messageForm
        case .server(let machine): machine.messageForm
        }
    }

    /// Processes a change_cipher_spec record (already checked to be the single byte 1), in
    /// order with the handshake messages around it.
    mutating func handleChangeCipherSpec() throws -> [HandshakeEvent] {
        switch consume self {
        case .client(var machine):
            defer { self = .client(machine) }
            return try machine.handleChangeCipherSpec()
        case .server(var machine):
            defer { self = .server(machine) }
            return try machine.handleChangeCipherSpec()
        }
    }

    /// Processes one handshake message; `raw` is its encoding with the header.
    mutating func handle(_ message: HandshakeMessage, raw: ByteBuffer) throws -> [HandshakeEvent] {
        switch consume self {
        case .client(var machine):
            defer { self = .client(machine) }
            return try machine.handle(message, raw: raw)
        case .server(var machine):
            defer { self = .server(machine) }
            return try machine.handle(message, raw: raw)
        }
    }

    /// Hands the verifier's verdict to the paused handshake.
    mutating func completeVerification(_ result: CertificateVerificationResult) throws -> [HandshakeEvent] {
        switch consume self {
        case .client(var machine):
            defer { self = .client(machine) }
            return try machine.completeVerification(result)
        case .server(var machine):
            defer { self = .server(machine) }
            return try machine.completeVerification(result)
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
