import Crypto

extension HandshakeStateMachine {
    /// The random of the ClientHello a client has just sent (for the key log), read from
    /// its first state; nil for a server or later.
    var initialClientRandom: [UInt8]? {
        guard case .client(let machine) = self, case .hello(let hello) = machine.state else { return nil }
        return hello.clientHello.random
    }

    /// The hash of the suite and the exporter_master_secret (RFC 8446, Section 7.5), once connected.
    var exporterMasterSecret: (hash: TLSHashAlgorithm, secret: SymmetricKey)? {
        switch self {
        case .client(let machine):
            guard case .tls13(.connected(let traffic)) = machine.state,
                let secret = traffic.keySchedule.exporterMasterSecret else { return nil }
            return (traffic.keySchedule.hash, secret)
        case .server(let machine):
            guard case .tls13(.connected(let traffic)) = machine.state,
                let secret = traffic.keySchedule.exporterMasterSecret else { return nil }
            return (traffic.keySchedule.hash, secret)
        }
    }
}
