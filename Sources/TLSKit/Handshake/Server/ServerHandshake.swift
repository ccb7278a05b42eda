import NIOCore

/// The server handshake (RFC 8446, Section 2; RFC 5246, Section 7.3): a shared hello phase,
/// then one family of states per version. Each transition consumes the old state's data and
/// returns the next state with the events for the connection. A message that does not fit the
/// current state is an `unexpected_message` error, never a crash.
///
/// ```
/// expectClientHello --HRR--> expectSecondClientHello
///        |                          |
///        +---- ServerHello .. Finished sent ----+
///                                               v
///   tls13([expectEndOfEarlyData | expectCertificate -> awaitingVerification -> expectCertificateVerify]
///         -> expectFinished -> connected)
///
/// expectClientHello --TLS 1.2--> tls12(see TLS12ServerState)
/// ```
struct ServerHandshake {
    enum State {
        case expectClientHello
        /// A HelloRetryRequest was sent. Nothing of the first ClientHello is kept here: its
        /// hash, the suite and the group travel in the cookie (RFC 8446, Section 4.2.2).
        case expectSecondClientHello
        /// The server's TLS 1.3 flight is sent.
        case tls13(TLS13ServerState)
        /// The ClientHello chose TLS 1.2; the server's first flight is sent.
        case tls12(TLS12ServerState)
        /// A transition threw; the connection is closing.
        case failed
    }

    var state: State = .expectClientHello
    let configuration: TLSServerConfiguration

    init(configuration: TLSServerConfiguration) {
        self.configuration = configuration
    }

    /// The form the next handshake message is decoded in: TLS 1.2's once that version is
    /// negotiated, with its key exchange once the suite is known; TLS 1.3's before. The
    /// connection keeps it from each `HandshakeStep`.
    var messageForm: HandshakeMessage.Form {
        switch state {
        case .expectClientHello, .expectSecondClientHello, .tls13, .failed: .tls13
        case .tls12(let tls12): .tls12(keyExchange: tls12.keyExchange)
        }
    }

    /// Once connected: the keying material exporter of the version spoken.
    var exporter: KeyingMaterialExporter? {
        switch state {
        case .tls13(.connected(let traffic)): traffic.secrets.exporter
        case .tls12(.connected(let traffic)): traffic.exporter
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
        let events: [HandshakeEvent]
        switch (consume current, message) {
        case (.expectClientHello, .clientHello(let hello)):
            (state, events) = try handleClientHello(hello, raw: raw)
        case (.expectSecondClientHello, .clientHello(let hello)):
            (state, events) = try handleSecondClientHello(hello, raw: raw)
        case (.tls13(let tls13), _):
            let next: TLS13ServerState
            (next, events) = try tls13.handle(message, raw: raw, configuration: configuration)
            state = .tls13(next)
        case (.tls12(let tls12), _):
            let next: TLS12ServerState
            (next, events) = try tls12.handle(message, raw: raw, configuration: configuration)
            state = .tls12(next)
        case (let other, _):
            throw PeerMisbehaved.unexpectedMessage("\(message.type) while \(other.expectation)")
        }
        return events
    }

    /// RFC 8446, Section 5: a change_cipher_spec record is dropped after the first
    /// ClientHello and before the client's Finished; anywhere else it is an unexpected_message.
    /// In TLS 1.2 it is the client's switch to its new keys (RFC 5246, Section 7.1).
    mutating func handleChangeCipherSpec() throws -> [HandshakeEvent] {
        if case .tls12(let tls12) = state {
            state = .failed
            let (next, events) = try tls12.handleChangeCipherSpec()
            state = .tls12(next)
            return events
        }
        switch state {
        case .expectClientHello, .tls13(.connected), .failed:
            throw PeerMisbehaved.unexpectedMessage("a change_cipher_spec record outside the handshake")
        case .expectSecondClientHello, .tls13, .tls12:
            return []
        }
    }

    /// Takes the verifier's verdict on the client's chain and resumes the handshake.
    mutating func completeVerification(_ result: CertificateVerificationResult) throws -> [HandshakeEvent] {
        switch state {
        case .tls13(.awaitingVerification(let pause)):
            state = .failed
            state = .tls13(.expectCertificateVerify(try pause.resume(with: result)))
        case .tls12(.awaitingVerification(let pause)):
            state = .failed
            state = .tls12(.expectClientKeyExchange(try pause.resume(with: result)))
        default:
            throw TLSError(code: .invalidState, reason: "completeVerification called while no verification was pending")
        }
        return []
    }

    /// Counts 0-RTT application data; beyond max_early_data_size, or outside accepted early
    /// data, unexpected_message (RFC 8446, Section 4.2.10).
    mutating func receiveEarlyData(byteCount: Int) throws {
        guard case .tls13(.expectEndOfEarlyData(var early)) = state else {
            throw PeerMisbehaved.unexpectedMessage("application data before the handshake completed")
        }
        state = .failed
        try early.receive(byteCount: byteCount, maximum: configuration.maxEarlyDataSize)
        state = .tls13(.expectEndOfEarlyData(early))
    }

    /// Sends `count` more NewSessionTickets (RFC 8446, Section 4.6.1); only once connected.
    /// TLS 1.2 has no tickets after the handshake (RFC 5077 sends one within it): an
    /// `.invalidState` error.
    mutating func sendSessionTickets(count: Int) throws -> [HandshakeEvent] {
        if case .tls12(.connected) = state {
            throw TLSError(
                code: .invalidState,
                reason: "TLS 1.2 sends its session ticket during the handshake (RFC 5077); a connected TLS 1.2 connection cannot send more")
        }
        guard case .tls13(.connected(var traffic)) = state else {
            throw TLSError(code: .invalidState, reason: "session tickets can be sent only after the handshake has completed")
        }
        state = .failed
        let tickets = traffic.makeTickets(count: count, configuration: configuration)
        state = .tls13(.connected(traffic))
        return tickets.readableBytes > 0 ? [.sendHandshake(tickets)] : []
    }

    /// RFC 8446, Section 4.6.3: our own KeyUpdate; new write keys right after it.
    mutating func updateKeys(requestPeerUpdate: Bool) throws -> [HandshakeEvent] {
        if case .tls12(.connected) = state {
            throw TLSError(code: .invalidState, reason: "TLS 1.2 has no KeyUpdate; keys can be updated only in TLS 1.3")
        }
        guard case .tls13(.connected(var traffic)) = state else {
            throw TLSError(code: .invalidState, reason: "keys can be updated only after the handshake has completed")
        }
        state = .failed
        let events = traffic.secrets.sendKeyUpdate(requestPeerUpdate: requestPeerUpdate)
        state = .tls13(.connected(traffic))
        return events
    }
}

extension ServerHandshake.State {
    /// What this state waits for, for error messages.
    var expectation: String {
        switch self {
        case .expectClientHello: "waiting for ClientHello"
        case .expectSecondClientHello: "waiting for the ClientHello answering HelloRetryRequest"
        case .tls13(let state): state.expectation
        case .tls12(let state): state.expectation
        case .failed: "closed after an error"
        }
    }
}
