/// The TLS 1.2 handshake is complete; application data flows under `keys`. TLS 1.2 has no
/// post-handshake messages except the renegotiation that TLSKit refuses.
struct TLS12ClientTrafficState {
    let keys: TLS12SessionKeys

    /// A HelloRequest (RFC 5246, Section 7.4.1.1) gets a no_renegotiation warning and the
    /// connection goes on (RFC 5746, Section 4.2); any other handshake message is an
    /// unexpected_message.
    consuming func handle(_ message: HandshakeMessage) throws -> (TLS12ClientState, [HandshakeEvent]) {
        guard case .helloRequest = message else {
            throw PeerMisbehaved.unexpectedMessage(
                "\(message.type) after the TLS 1.2 handshake; TLSKit does not renegotiate")
        }
        return (.connected(self), [.sendWarningAlert(.noRenegotiation)])
    }
}
