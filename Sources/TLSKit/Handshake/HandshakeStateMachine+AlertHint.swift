extension HandshakeStateMachine {
    /// What the handshake's state adds to the explanation of a fatal alert from the peer, if
    /// anything (see `ClientHandshake.hint(forReceived:)`).
    func hint(forReceived alert: AlertDescription) -> String? {
        switch self {
        case .client(let machine): machine.hint(forReceived: alert)
        case .server: nil
        }
    }
}
