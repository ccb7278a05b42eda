/// What a connected connection can do, whichever version it speaks; the connection asks here
/// instead of reaching into a version's key schedule.
extension HandshakeStateMachine {
    /// The keying material exporter, once connected.
    var exporter: KeyingMaterialExporter? {
        switch self {
        case .client(let machine): machine.exporter
        case .server(let machine): machine.exporter
        }
    }

    /// Whether keys can be updated now (connected, and the version has KeyUpdate).
    var supportsKeyUpdate: Bool {
        switch self {
        case .client(let machine): machine.supportsKeyUpdate
        case .server(let machine): machine.supportsKeyUpdate
        }
    }
}
