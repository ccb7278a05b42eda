/// The TLS 1.2 handshake is complete; application data flows (RFC 5246, Section 7.3).
struct TLS12ServerTrafficState {
    /// RFC 5705 over the master secret.
    let exporter: KeyingMaterialExporter

    /// RFC 5746, Section 4.4 and RFC 5246, Section 7.2.2: a ClientHello asks to renegotiate,
    /// which this server never does; it answers with a no_renegotiation warning and the
    /// connection goes on under the current keys. A client sends no other handshake message
    /// after the handshake (a HelloRequest is the server's): unexpected_message.
    consuming func handle(_ message: HandshakeMessage) throws -> (TLS12ServerState, [HandshakeEvent]) {
        guard case .clientHello = message else {
            throw PeerMisbehaved.unexpectedMessage("\(message.type) from the client after the TLS 1.2 handshake")
        }
        return (.connected(self), [.sendWarningAlert(.noRenegotiation)])
    }
}
