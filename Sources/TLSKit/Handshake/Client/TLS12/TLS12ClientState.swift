import NIOCore

/// The TLS 1.2 client states after the ServerHello (RFC 5246, Section 7.3, Figures 1 and 2);
/// each carries exactly what is known at that point.
///
/// ```
/// full:        expectCertificate -> awaitingVerification -> [expectServerKeyExchange (ECDHE)]
///              -> expectServerHelloDone (CertificateRequest?) --our flight--> expectChangeCipherSpec
/// abbreviated: expectChangeCipherSpec (session resumed)
/// both:        expectChangeCipherSpec (NewSessionTicket?) -> expectFinished -> connected
/// ```
///
/// A HelloRequest during the handshake is ignored (RFC 5246, Section 7.4.1.1); once connected
/// it is answered with a no_renegotiation warning (RFC 5746, Section 4.2).
enum TLS12ClientState {
    case expectCertificate(ExpectCertificate)
    case awaitingVerification(PeerVerificationPause<AwaitingVerification>)
    case expectServerKeyExchange(ExpectServerKeyExchange)
    case expectServerHelloDone(ExpectServerHelloDone)
    case expectChangeCipherSpec(ExpectChangeCipherSpec)
    case expectFinished(ExpectFinished)
    case connected(TLS12ClientTrafficState)

    /// Processes one handshake message; `raw` is its encoding with the header.
    consuming func handle(
        _ message: HandshakeMessage, raw: ByteBuffer, configuration: TLSClientConfiguration, serverName: String?
    ) throws -> (TLS12ClientState, [HandshakeEvent]) {
        let expectation = self.expectation
        switch (consume self, message) {
        case (.connected(let traffic), _):
            return try traffic.handle(message)
        case (let state, .helloRequest):
            // Section 7.4.1.1: not part of the transcript; a client in a handshake ignores it.
            return (state, [])
        case (.expectCertificate(let state), .tls12Certificate(let certificate)):
            return try state.handle(certificate, raw: raw, serverName: serverName)
        case (.expectServerKeyExchange(let state), .serverKeyExchange(let keyExchange)):
            return try state.handle(keyExchange, raw: raw)
        case (.expectServerHelloDone(let state), .tls12CertificateRequest(let request)):
            return try state.handle(request, raw: raw)
        case (.expectServerHelloDone(let state), .serverHelloDone):
            return try state.handleServerHelloDone(raw: raw, configuration: configuration)
        case (.expectChangeCipherSpec(let state), .tls12NewSessionTicket(let ticket)):
            return try state.handle(ticket, raw: raw)
        case (.expectFinished(let state), .finished(let finished)):
            return try state.handle(finished, raw: raw, configuration: configuration, serverName: serverName)
        default:
            throw PeerMisbehaved.unexpectedMessage("\(message.type) while \(expectation)")
        }
    }

    /// RFC 5246, Section 7.1: the server's ChangeCipherSpec switches its records to the new
    /// keys; it is expected only right before the server's Finished.
    consuming func handleChangeCipherSpec() throws -> (TLS12ClientState, [HandshakeEvent]) {
        let expectation = self.expectation
        guard case .expectChangeCipherSpec(let state) = consume self else {
            throw PeerMisbehaved.unexpectedMessage("a change_cipher_spec record while \(expectation)")
        }
        return try state.handleChangeCipherSpec()
    }

    /// The key exchange of the negotiated suite, which fixes the form of ClientKeyExchange.
    var keyExchange: CipherSuiteParameters.KeyExchange? {
        switch self {
        case .expectCertificate(let state): state.negotiation.parameters.keyExchange
        case .awaitingVerification: nil
        case .expectServerKeyExchange(let state): state.negotiation.parameters.keyExchange
        case .expectServerHelloDone(let state): state.negotiation.parameters.keyExchange
        case .expectChangeCipherSpec(let state): state.negotiation.parameters.keyExchange
        case .expectFinished(let state): state.negotiation.parameters.keyExchange
        case .connected(let traffic): traffic.keys.parameters.keyExchange
        }
    }

    /// What this state waits for, for error messages.
    var expectation: String {
        switch self {
        case .expectCertificate: "waiting for the server's Certificate"
        case .awaitingVerification: "verifying the certificate"
        case .expectServerKeyExchange: "waiting for ServerKeyExchange"
        case .expectServerHelloDone: "waiting for CertificateRequest or ServerHelloDone"
        case .expectChangeCipherSpec: "waiting for NewSessionTicket or ChangeCipherSpec"
        case .expectFinished: "waiting for Finished"
        case .connected: "connected"
        }
    }
}
