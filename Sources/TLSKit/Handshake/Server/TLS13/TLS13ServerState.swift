import NIOCore

/// The TLS 1.3 server states once its flight is sent, waiting for the client's flight
/// (RFC 8446, Section 2); each carries exactly what is known at that point.
///
/// ```
/// [expectEndOfEarlyData | expectCertificate -> awaitingVerification -> expectCertificateVerify]
///   -> expectFinished -> connected
/// ```
enum TLS13ServerState {
    /// 0-RTT data was accepted; it flows until EndOfEarlyData (RFC 8446, Section 4.5).
    case expectEndOfEarlyData(ExpectEndOfEarlyData)
    case expectCertificate(ExpectCertificate)
    case awaitingVerification(PeerVerificationPause<AwaitingVerification>)
    case expectCertificateVerify(ExpectCertificateVerify)
    case expectFinished(ExpectFinished)
    case connected(ServerTrafficState)

    /// Processes one handshake message; `raw` is its encoding with the header.
    consuming func handle(
        _ message: HandshakeMessage, raw: ByteBuffer, configuration: TLSServerConfiguration
    ) throws -> (TLS13ServerState, [HandshakeEvent]) {
        let expectation = self.expectation
        switch (consume self, message) {
        case (.expectEndOfEarlyData(let state), .endOfEarlyData):
            return state.handleEndOfEarlyData(raw: raw)
        case (.expectCertificate(let state), .certificate(let certificate)):
            return try state.handle(certificate, raw: raw, configuration: configuration)
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

    /// What this state waits for, for error messages.
    var expectation: String {
        switch self {
        case .expectEndOfEarlyData: "receiving early data until EndOfEarlyData"
        case .expectCertificate: "waiting for the client's Certificate"
        case .awaitingVerification: "verifying the client's certificate"
        case .expectCertificateVerify: "waiting for the client's CertificateVerify"
        case .expectFinished: "waiting for the client's Finished"
        case .connected: "connected"
        }
    }
}
