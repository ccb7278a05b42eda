import NIOCore

/// The client handshake (RFC 8446, Section 2): a shared hello phase, then one family of states
/// per version (TLS 1.3 now). Each transition consumes the old state's data and returns the
/// next state with the events for the connection. A message that does not fit the current
/// state is an `unexpected_message` error, never a crash.
///
/// ```
/// hello --ServerHello (TLS 1.3)--> tls13(expectEncryptedExtensions ... connected)
///   ^  |
///   +--+ HelloRetryRequest (once)
/// ```
struct ClientHandshake {
    enum State {
        /// A ClientHello was sent; waiting for ServerHello or HelloRetryRequest (RFC 8446,
        /// Section 4.1). The version is not known yet.
        case hello(ClientHelloState)
        /// The server chose TLS 1.3.
        case tls13(TLS13ClientState)
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
        let handshake = ClientHandshake(state: .hello(state), configuration: configuration, serverName: serverName)
        return (handshake, events)
    }

    /// Whether the handshake is paused for the verifier's verdict.
    var isAwaitingVerification: Bool {
        if case .tls13(.awaitingVerification) = state { return true }
        return false
    }

    /// The form handshake messages are decoded in (see `HandshakeStateMachine.messageForm`).
    var messageForm: HandshakeMessage.Form {
        switch state {
        case .hello, .tls13, .failed: .tls13
        }
    }

    var isConnected: Bool {
        if case .tls13(.connected) = state { return true }
        return false
    }

    /// Once connected: the keying material exporter of the version spoken.
    var exporter: KeyingMaterialExporter? {
        guard case .tls13(.connected(let traffic)) = state else { return nil }
        return traffic.secrets.exporter
    }

    /// Whether `updateKeys` works now: connected, with a version that has KeyUpdate (TLS 1.3).
    var supportsKeyUpdate: Bool { isConnected }

    /// Processes one handshake message; `raw` is its encoding with the header, for the transcript.
    mutating func handle(_ message: HandshakeMessage, raw: ByteBuffer) throws -> [HandshakeEvent] {
        let current = state
        state = .failed
        switch consume current {
        case .hello(let hello):
            guard case .serverHello(let serverHello) = message else {
                throw PeerMisbehaved.unexpectedMessage("\(message.type) while waiting for ServerHello")
            }
            let events: [HandshakeEvent]
            (state, events) = try handleServerHello(serverHello, raw: raw, hello: hello)
            return events
        case .tls13(let tls13):
            let (next, events) = try tls13.handle(message, raw: raw, configuration: configuration, serverName: serverName)
            state = .tls13(next)
            return events
        case .failed:
            throw PeerMisbehaved.unexpectedMessage("\(message.type) while closed after an error")
        }
    }

    /// RFC 8446, Section 5: a change_cipher_spec record is dropped after our first
    /// ClientHello and before the server's Finished; anywhere else it is an unexpected_message.
    mutating func handleChangeCipherSpec() throws -> [HandshakeEvent] {
        switch state {
        case .tls13(.connected), .failed:
            throw PeerMisbehaved.unexpectedMessage("a change_cipher_spec record outside the handshake")
        case .hello, .tls13:
            return []
        }
    }

    /// Takes the verifier's verdict and resumes the handshake.
    mutating func completeVerification(_ result: CertificateVerificationResult) throws -> [HandshakeEvent] {
        guard case .tls13(.awaitingVerification(let pause)) = state else {
            throw TLSError(code: .invalidState, reason: "completeVerification called while no verification was pending")
        }
        state = .failed
        state = .tls13(.expectCertificateVerify(try pause.resume(with: result)))
        return []
    }

    /// RFC 8446, Section 4.6.3: our own KeyUpdate; new write keys right after it.
    mutating func updateKeys(requestPeerUpdate: Bool) throws -> [HandshakeEvent] {
        guard case .tls13(.connected(var traffic)) = state else {
            throw TLSError(code: .invalidState, reason: "keys can be updated only after the handshake has completed")
        }
        state = .failed
        let events = traffic.secrets.sendKeyUpdate(requestPeerUpdate: requestPeerUpdate)
        state = .tls13(.connected(traffic))
        return events
    }
}
