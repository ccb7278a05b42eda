import NIOCore

/// The TLS 1.3 client states after the ServerHello (RFC 8446, Section 2, Figure 1); each
/// carries exactly what is known at that point.
///
/// ```
/// expectEncryptedExtensions --resumed--> expectFinished
///        |                                    ^
///        v                                    |
/// expectCertificateOrCertificateRequest -> [expectCertificate] -> awaitingVerification
///                                                  -> expectCertificateVerify ---+
/// expectFinished -> connected
/// ```
enum TLS13ClientState {
    case expectEncryptedExtensions(ExpectEncryptedExtensions)
    case expectCertificateOrCertificateRequest(ExpectCertificateOrCertificateRequest)
    case expectCertificate(ExpectCertificate)
    case awaitingVerification(PeerVerificationPause<AwaitingVerification>)
    case expectCertificateVerify(ExpectCertificateVerify)
    case expectFinished(ExpectFinished)
    case connected(ClientTrafficState)

    /// Processes one handshake message; `raw` is its encoding with the header.
    consuming func handle(
        _ message: HandshakeMessage, raw: ByteBuffer, configuration: TLSClientConfiguration, serverName: String?
    ) throws -> (TLS13ClientState, [HandshakeEvent]) {
        let expectation = self.expectation
        switch (consume self, message) {
        case (.expectEncryptedExtensions(let state), .encryptedExtensions(let extensions)):
            return try state.handle(extensions, raw: raw, configuration: configuration, serverName: serverName)
        case (.expectCertificateOrCertificateRequest(let state), .certificateRequest(let request)):
            return try state.handle(request, raw: raw)
        case (.expectCertificateOrCertificateRequest(let state), .certificate(let certificate)):
            return try state.handle(certificate, raw: raw, serverName: serverName)
        case (.expectCertificate(let state), .certificate(let certificate)):
            return try state.handle(certificate, raw: raw, serverName: serverName)
        case (.expectCertificateVerify(let state), .certificateVerify(let verify)):
            return try state.handle(verify, raw: raw, configuration: configuration)
        case (.expectFinished(let state), .finished(let finished)):
            return try state.handle(finished, raw: raw, configuration: configuration, serverName: serverName)
        case (.connected(let traffic), _):
            return try traffic.handle(message, configuration: configuration)
        default:
            throw PeerMisbehaved.unexpectedMessage("\(message.type) while \(expectation)")
        }
    }

    /// What this state waits for, for error messages.
    var expectation: String {
        switch self {
        case .expectEncryptedExtensions: "waiting for EncryptedExtensions"
        case .expectCertificateOrCertificateRequest: "waiting for Certificate or CertificateRequest"
        case .expectCertificate: "waiting for Certificate"
        case .awaitingVerification: "verifying the certificate"
        case .expectCertificateVerify: "waiting for CertificateVerify"
        case .expectFinished: "waiting for Finished"
        case .connected: "connected"
        }
    }
}
