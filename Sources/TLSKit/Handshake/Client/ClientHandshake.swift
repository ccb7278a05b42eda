import NIOCore

/// The client handshake (RFC 8446, Section 2; RFC 5246, Section 7.3): a shared hello phase,
/// then one family of states per version. Each transition consumes the old state's data and returns the
/// next state with the events for the connection. A message that does not fit the current
/// state is an `unexpected_message` error, never a crash.
///
/// ```
/// hello --ServerHello (TLS 1.3)--> tls13(expectEncryptedExtensions ... connected)
///   ^  | \
///   +--+  +--ServerHello (TLS 1.2)--> tls12(expectCertificate ... connected)
///   HelloRetryRequest (once)
/// ```
struct ClientHandshake {
    enum State {
        /// A ClientHello was sent; waiting for ServerHello or HelloRetryRequest (RFC 8446,
        /// Section 4.1). The version is not known yet.
        case hello(ClientHelloState)
        /// The server chose TLS 1.3.
        case tls13(TLS13ClientState)
        /// The server chose TLS 1.2.
        case tls12(TLS12ClientState)
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
        var tls12Resumption: TLS12ClientResumptionOffer?
        if let session = sessionToOffer(configuration: configuration, serverName: serverName, explicit: session, now: now) {
            switch session.version {
            case .tls12: tls12Resumption = offerTLS12(session, in: &hello, configuration: configuration, now: now)
            default: resumption = offer(session, in: &hello, configuration: configuration, now: now)
            }
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
            sentChangeCipherSpec: resumption?.earlyDataOffered == true, resumption: resumption,
            tls12Resumption: tls12Resumption)
        let handshake = ClientHandshake(state: .hello(state), configuration: configuration, serverName: serverName)
        return (handshake, events)
    }

    /// The form the next handshake message is decoded in: TLS 1.2's once that version is
    /// negotiated, with its key exchange once the suite is known; TLS 1.3's before. The
    /// connection keeps it from each `HandshakeStep`.
    var messageForm: HandshakeMessage.Form {
        switch state {
        case .hello, .tls13, .failed: .tls13
        case .tls12(let tls12): .tls12(keyExchange: tls12.keyExchange)
        }
    }

    /// Once connected: the keying material exporter of the version spoken.
    var exporter: KeyingMaterialExporter? {
        switch state {
        case .tls13(.connected(let traffic)): traffic.secrets.exporter
        case .tls12(.connected(let traffic)): traffic.keys.exporter
        default: nil
        }
    }

    /// Whether `updateKeys` works now: connected, with a version that has KeyUpdate (TLS 1.3).
    var supportsKeyUpdate: Bool {
        if case .tls13(.connected) = state { return true }
        return false
    }

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
        case .tls12(let tls12):
            let (next, events) = try tls12.handle(message, raw: raw, configuration: configuration, serverName: serverName)
            state = .tls12(next)
            return events
        case .failed:
            throw PeerMisbehaved.unexpectedMessage("\(message.type) while closed after an error")
        }
    }

    /// RFC 8446, Section 5: a change_cipher_spec record is dropped after our first
    /// ClientHello and before the server's Finished; anywhere else it is an unexpected_message.
    /// In TLS 1.2 it is the server's switch to its new keys (RFC 5246, Section 7.1).
    mutating func handleChangeCipherSpec() throws -> [HandshakeEvent] {
        switch state {
        case .tls13(.connected), .failed:
            throw PeerMisbehaved.unexpectedMessage("a change_cipher_spec record outside the handshake")
        case .hello, .tls13:
            return []
        case .tls12(let tls12):
            state = .failed
            let (next, events) = try tls12.handleChangeCipherSpec()
            state = .tls12(next)
            return events
        }
    }

    /// Takes the verifier's verdict and resumes the handshake.
    mutating func completeVerification(_ result: CertificateVerificationResult) throws -> [HandshakeEvent] {
        switch state {
        case .tls13(.awaitingVerification(let pause)):
            state = .failed
            state = .tls13(.expectCertificateVerify(try pause.resume(with: result)))
        case .tls12(.awaitingVerification(let pause)):
            state = .failed
            state = .tls12(try pause.resume(with: result))
        default:
            throw TLSError(code: .invalidState, reason: "completeVerification called while no verification was pending")
        }
        return []
    }

    /// RFC 8446, Section 4.6.3: our own KeyUpdate; new write keys right after it.
    mutating func updateKeys(requestPeerUpdate: Bool) throws -> [HandshakeEvent] {
        guard case .tls13(.connected(var traffic)) = state else {
            throw TLSError(
                code: .invalidState,
                reason: "keys can be updated only after a TLS 1.3 handshake has completed (TLS 1.2 has no KeyUpdate)")
        }
        state = .failed
        let events = traffic.secrets.sendKeyUpdate(requestPeerUpdate: requestPeerUpdate)
        state = .tls13(.connected(traffic))
        return events
    }
}
