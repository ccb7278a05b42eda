import NIOCore

/// The TLS 1.3 client handshake (RFC 8446, Section 2): an enum of states, each transition
/// consuming the old state's data and building the next. A message that does not fit the
/// current state is an `unexpected_message` error, never a crash.
struct ClientHandshake {
    enum State {
        case expectServerHello(ClientHelloState)
        case expectEncryptedExtensions(ClientHandshakeProgress)
        case expectCertificateOrCertificateRequest(ClientHandshakeProgress)
        case expectCertificate(ClientHandshakeProgress)
        case awaitingVerification(ClientHandshakeProgress)
        case expectCertificateVerify(ClientHandshakeProgress)
        case expectFinished(ClientHandshakeProgress)
        case connected(ClientTrafficState)
        /// A transition threw; the connection is closing.
        case failed
    }

    var state: State
    let configuration: TLSClientConfiguration
    /// The name or address the certificate must cover.
    let serverName: String?

    /// Builds the first ClientHello, offering `session` or else a cached session for
    /// resumption; the returned events send it (and start early data when offered).
    static func start(
        configuration: TLSClientConfiguration, serverName: String?, session: ClientSession? = nil
    ) throws -> (ClientHandshake, [HandshakeEvent]) {
        var (hello, keyPairs) = try makeClientHello(configuration: configuration, serverName: serverName)
        let now = configuration.now()
        var resumption: ClientResumptionOffer?
        if let session = sessionToOffer(configuration: configuration, serverName: serverName, explicit: session, now: now) {
            resumption = offer(session, in: &hello, configuration: configuration, now: now)
        }
        var encoded = ByteBuffer()
        HandshakeMessage.clientHello(hello).encode(into: &encoded)
        var transcript = TranscriptHash()
        transcript.append(encoded)
        var events: [HandshakeEvent] = [.sendHandshake(encoded)]
        if let resumption {
            events += earlyDataEvents(offer: resumption, encodedClientHello: encoded)
        }
        let state = ClientHelloState(
            clientHello: hello, keyPairs: keyPairs, transcript: transcript, retry: nil,
            sentChangeCipherSpec: resumption?.earlyDataOffered == true, resumption: resumption)
        let handshake = ClientHandshake(
            state: .expectServerHello(state), configuration: configuration, serverName: serverName)
        return (handshake, events)
    }

    /// Whether the handshake is paused for the verifier's verdict.
    var isAwaitingVerification: Bool {
        if case .awaitingVerification = state { return true }
        return false
    }

    var isConnected: Bool {
        if case .connected = state { return true }
        return false
    }

    /// RFC 8446, Section 5: a change_cipher_spec record is dropped after our first
    /// ClientHello and before the server's Finished; anywhere else it is an unexpected_message.
    mutating func handleChangeCipherSpec() throws -> [HandshakeEvent] {
        switch state {
        case .connected, .failed:
            throw PeerMisbehaved.unexpectedMessage("a change_cipher_spec record outside the handshake")
        default:
            return []
        }
    }

    /// Processes one handshake message; `raw` is its encoding with the header, for the transcript.
    mutating func handle(_ message: HandshakeMessage, raw: ByteBuffer) throws -> [HandshakeEvent] {
        let current = state
        state = .failed
        switch (current, message) {
        case (.expectServerHello(let hello), .serverHello(let serverHello)):
            return try handleServerHello(serverHello, raw: raw, hello: hello)
        case (.expectEncryptedExtensions(let progress), .encryptedExtensions(let extensions)):
            return try handleEncryptedExtensions(extensions, raw: raw, progress: progress)
        case (.expectCertificateOrCertificateRequest(let progress), .certificateRequest(let request)):
            return try handleCertificateRequest(request, raw: raw, progress: progress)
        case (.expectCertificateOrCertificateRequest(let progress), .certificate(let certificate)),
            (.expectCertificate(let progress), .certificate(let certificate)):
            return try handleCertificate(certificate, raw: raw, progress: progress)
        case (.expectCertificateVerify(let progress), .certificateVerify(let verify)):
            return try handleCertificateVerify(verify, raw: raw, progress: progress)
        case (.expectFinished(let progress), .finished(let finished)):
            return try handleFinished(finished, raw: raw, progress: progress)
        case (.connected(let traffic), _):
            return try handlePostHandshake(message, traffic: traffic)
        default:
            throw PeerMisbehaved.unexpectedMessage("\(message.type) while \(current.expectation)")
        }
    }

    /// Takes the verifier's verdict and resumes the handshake.
    mutating func completeVerification(_ result: CertificateVerificationResult) throws -> [HandshakeEvent] {
        guard case .awaitingVerification(var progress) = state else {
            throw TLSError(code: .invalidState, reason: "completeVerification called while no verification was pending")
        }
        state = .failed
        if case .rejected(let error) = result { throw CertificateRejection(verdict: error, peer: .server) }
        progress.verification = result
        state = .expectCertificateVerify(progress)
        return []
    }
}

extension ClientHandshake.State {
    /// What this state waits for, for error messages.
    var expectation: String {
        switch self {
        case .expectServerHello: "waiting for ServerHello"
        case .expectEncryptedExtensions: "waiting for EncryptedExtensions"
        case .expectCertificateOrCertificateRequest: "waiting for Certificate or CertificateRequest"
        case .expectCertificate: "waiting for Certificate"
        case .awaitingVerification: "verifying the certificate"
        case .expectCertificateVerify: "waiting for CertificateVerify"
        case .expectFinished: "waiting for Finished"
        case .connected: "connected"
        case .failed: "closed after an error"
        }
    }
}
