import NIOCore

/// The TLS 1.3 server handshake (RFC 8446, Section 2): an enum of states, each transition
/// consuming the old state's data and building the next. A message that does not fit the
/// current state is an `unexpected_message` error, never a crash.
///
/// ```
/// expectClientHello --HRR--> expectSecondClientHello
///        |                          |
///        +---- ServerHello .. Finished sent ----+
///                                               v
///   [expectCertificate -> awaitingVerification -> expectCertificateVerify] -> expectFinished -> connected
/// ```
struct ServerHandshake {
    enum State {
        case expectClientHello
        /// A HelloRetryRequest was sent. Nothing of the first ClientHello is kept here: its
        /// hash, the suite and the group travel in the cookie (RFC 8446, Section 4.2.2).
        case expectSecondClientHello
        /// 0-RTT data was accepted; it flows until EndOfEarlyData (RFC 8446, Section 4.5).
        case expectEndOfEarlyData(ServerHandshakeProgress)
        case expectCertificate(ServerHandshakeProgress)
        case awaitingVerification(ServerHandshakeProgress)
        case expectCertificateVerify(ServerHandshakeProgress)
        case expectFinished(ServerHandshakeProgress)
        case connected(ServerTrafficState)
        /// A transition threw; the connection is closing.
        case failed
    }

    var state: State = .expectClientHello
    let configuration: TLSServerConfiguration

    init(configuration: TLSServerConfiguration) {
        self.configuration = configuration
    }

    /// Whether the handshake is paused for the verifier's verdict on the client's chain.
    var isAwaitingVerification: Bool {
        if case .awaitingVerification = state { return true }
        return false
    }

    var isConnected: Bool {
        if case .connected = state { return true }
        return false
    }

    /// RFC 8446, Section 5: a change_cipher_spec record is dropped after the first
    /// ClientHello and before the client's Finished; anywhere else it is an unexpected_message.
    mutating func handleChangeCipherSpec() throws -> [HandshakeEvent] {
        switch state {
        case .expectClientHello, .connected, .failed:
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
        case (.expectClientHello, .clientHello(let hello)):
            return try handleClientHello(hello, raw: raw)
        case (.expectSecondClientHello, .clientHello(let hello)):
            return try handleSecondClientHello(hello, raw: raw)
        case (.expectEndOfEarlyData(let progress), .endOfEarlyData):
            return try handleEndOfEarlyData(raw: raw, progress: progress)
        case (.expectCertificate(let progress), .certificate(let certificate)):
            return try handleClientCertificate(certificate, raw: raw, progress: progress)
        case (.expectCertificateVerify(let progress), .certificateVerify(let verify)):
            return try handleClientCertificateVerify(verify, raw: raw, progress: progress)
        case (.expectFinished(let progress), .finished(let finished)):
            return try handleClientFinished(finished, raw: raw, progress: progress)
        case (.connected(let traffic), _):
            return try handlePostHandshake(message, traffic: traffic)
        default:
            throw PeerMisbehaved.unexpectedMessage("\(message.type) while \(current.expectation)")
        }
    }

    /// Takes the verifier's verdict on the client's chain and resumes the handshake.
    mutating func completeVerification(_ result: CertificateVerificationResult) throws -> [HandshakeEvent] {
        guard case .awaitingVerification(var progress) = state else {
            throw TLSError(code: .invalidState, reason: "completeVerification called while no verification was pending")
        }
        state = .failed
        if case .rejected(let error) = result { throw CertificateRejection(verdict: error, peer: .client) }
        progress.verification = result
        state = .expectCertificateVerify(progress)
        return []
    }
}

extension ServerHandshake.State {
    /// What this state waits for, for error messages.
    var expectation: String {
        switch self {
        case .expectClientHello: "waiting for ClientHello"
        case .expectSecondClientHello: "waiting for the ClientHello answering HelloRetryRequest"
        case .expectEndOfEarlyData: "receiving early data until EndOfEarlyData"
        case .expectCertificate: "waiting for the client's Certificate"
        case .awaitingVerification: "verifying the client's certificate"
        case .expectCertificateVerify: "waiting for the client's CertificateVerify"
        case .expectFinished: "waiting for the client's Finished"
        case .connected: "connected"
        case .failed: "closed after an error"
        }
    }
}
