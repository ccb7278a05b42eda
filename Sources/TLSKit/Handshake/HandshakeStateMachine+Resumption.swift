/// Session tickets and 0-RTT through the state machine of either side.
extension HandshakeStateMachine {
    /// Client: how many bytes of early data may be written now (0 when none may).
    var earlyDataLimit: Int {
        guard case .client(let machine) = self else { return 0 }
        return machine.earlyDataLimit
    }

    /// Server: counts 0-RTT application data received before the handshake completes;
    /// anywhere else such data is an unexpected_message (RFC 8446, Section 4.2.10).
    mutating func receiveEarlyData(byteCount: Int) throws {
        switch consume self {
        case .client(let machine):
            self = .client(machine)
            throw PeerMisbehaved.unexpectedMessage("application data before the handshake completed")
        case .server(var machine):
            defer { self = .server(machine) }
            try machine.receiveEarlyData(byteCount: byteCount)
        }
    }

    /// Server: NewSessionTickets on request (RFC 8446, Section 4.6.1).
    mutating func sendSessionTickets(count: Int) throws -> [HandshakeEvent] {
        switch consume self {
        case .client(let machine):
            self = .client(machine)
            throw TLSError(code: .invalidState, reason: "only a server sends session tickets")
        case .server(var machine):
            defer { self = .server(machine) }
            return try machine.sendSessionTickets(count: count)
        }
    }
}
