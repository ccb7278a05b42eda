import NIOCore

/// The TLS 1.2 server states once its first flight is sent (RFC 5246, Section 7.3); each
/// carries exactly what is known at that point.
///
/// ```
/// full:        [expectCertificate -> awaitingVerification] -> expectClientKeyExchange
///              -> [expectCertificateVerify] -> expectChangeCipherSpec -> expectFinished -> connected
/// abbreviated: expectChangeCipherSpec -> expectFinished -> connected
/// ```
enum TLS12ServerState {
    /// We sent a CertificateRequest; the client's Certificate comes first (Section 7.4.6).
    case expectCertificate(ExpectCertificate)
    case awaitingVerification(PeerVerificationPause<AwaitingVerification>)
    case expectClientKeyExchange(ExpectClientKeyExchange)
    /// The client sent a certificate; it proves its key next (Section 7.4.8).
    case expectCertificateVerify(ExpectCertificateVerify)
    case expectChangeCipherSpec(ExpectChangeCipherSpec)
    case expectFinished(ExpectFinished)
    case connected(TLS12ServerTrafficState)

    /// Processes one handshake message; `raw` is its encoding with the header.
    consuming func handle(
        _ message: HandshakeMessage, raw: ByteBuffer, configuration: TLSServerConfiguration
    ) throws -> (TLS12ServerState, [HandshakeEvent]) {
        let expectation = self.expectation
        switch (consume self, message) {
        case (.expectCertificate(let state), .tls12Certificate(let certificate)):
            return try state.handle(certificate, raw: raw, configuration: configuration)
        case (.expectClientKeyExchange(let state), .clientKeyExchange(let keyExchange)):
            return try state.handle(keyExchange, raw: raw)
        case (.expectCertificateVerify(let state), .certificateVerify(let verify)):
            return try state.handle(verify, raw: raw, configuration: configuration)
        case (.expectFinished(let state), .finished(let finished)):
            return try state.handle(finished, raw: raw, configuration: configuration)
        case (.connected(let traffic), _):
            return try traffic.handle(message)
        default:
            throw PeerMisbehaved.unexpectedMessage("\(message.type) while \(expectation)")
        }
    }

    /// RFC 5246, Section 7.1: the client's ChangeCipherSpec switches its records to the new
    /// keys; it is expected right before its Finished and nowhere else.
    consuming func handleChangeCipherSpec() throws -> (TLS12ServerState, [HandshakeEvent]) {
        let expectation = self.expectation
        guard case .expectChangeCipherSpec(let state) = consume self else {
            throw PeerMisbehaved.unexpectedMessage("a change_cipher_spec record while \(expectation)")
        }
        return state.handle()
    }

    /// The key exchange of the negotiated suite, which fixes the form of ClientKeyExchange.
    var keyExchange: CipherSuiteParameters.KeyExchange? {
        switch self {
        case .expectCertificate(let state): state.negotiation.parameters.keyExchange
        case .awaitingVerification: nil
        case .expectClientKeyExchange(let state): state.negotiation.parameters.keyExchange
        case .expectCertificateVerify, .expectChangeCipherSpec, .expectFinished, .connected: nil
        }
    }

    /// What this state waits for, for error messages.
    var expectation: String {
        switch self {
        case .expectCertificate: "waiting for the client's Certificate"
        case .awaitingVerification: "verifying the client's certificate"
        case .expectClientKeyExchange: "waiting for the client's ClientKeyExchange"
        case .expectCertificateVerify: "waiting for the client's CertificateVerify"
        case .expectChangeCipherSpec: "waiting for the client's ChangeCipherSpec"
        case .expectFinished: "waiting for the client's Finished"
        case .connected: "connected"
        }
    }
}
