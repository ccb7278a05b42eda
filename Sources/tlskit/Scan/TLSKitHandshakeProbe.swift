import NIOCore
import TLSKit
import TLSKitNIO

/// Full handshakes with TLSKit's own client, for what a hand-built ClientHello cannot see:
/// the TLS 1.3 certificate chain, ALPN and signature scheme (all encrypted in TLS 1.3), and
/// session resumption with tickets or session IDs (RFC 8446, Section 2.2; RFC 5077).
struct TLSKitHandshakeProbe: Sendable {
    /// What one version's run found.
    struct Outcome: Sendable {
        var summary: HandshakeSummary
        /// What the verifier was asked to judge.
        var request: CertificateVerificationRequest?
        /// The session the server gave, if any.
        var session: ClientSession?
        /// The second handshake offering that session: resumed or not, or why it failed.
        var resumption: Result<HandshakeSummary, TLSError>?
    }

    var target: HostPort
    var serverName: String
    var timeout: TimeAmount

    /// Handshakes at `version` (.tls13 or .tls12), then tries to resume the session given.
    /// Throws (a `TLSError` or a connection error) when the first handshake fails; `verifier`
    /// still holds the chain if the failure came after the Certificate message.
    func run(version: ProtocolVersion, verifier: ChainRecordingVerifier = ChainRecordingVerifier()) async throws -> Outcome {
        let recorder = SessionRecorder()
        var configuration = TLSClientConfiguration(certificateVerifier: verifier)
        configuration.settings.versions = [version]
        configuration.applicationProtocols = ["h2", "http/1.1"]
        configuration.sessionCache = recorder
        // The scan reports extended_master_secret itself; resumption is tested without it.
        configuration.settings.requireExtendedMasterSecret = false
        let first = try await TLSClient.connect(
            host: self.target.host, port: self.target.port, serverName: self.serverName, configuration: configuration,
            connectTimeout: self.timeout, handshakeTimeout: self.timeout)
        // TLS 1.3 tickets come after the handshake (RFC 8446, Section 4.6.1); TLS 1.2 sessions
        // are filed during it.
        if version == .tls13 {
            _ = await recorder.waitForTickets(moreThan: 0, timeout: .seconds(2))
        }
        try? await first.close()
        var outcome = Outcome(summary: first.summary, request: verifier.lastRequest, session: recorder.newestSession)
        if let session = outcome.session {
            do {
                let second = try await TLSClient.connect(
                    host: self.target.host, port: self.target.port, serverName: self.serverName, configuration: configuration,
                    connectTimeout: self.timeout, handshakeTimeout: self.timeout, resuming: session)
                try? await second.close()
                outcome.resumption = .success(second.summary)
            } catch let error as TLSError {
                outcome.resumption = .failure(error)
            } catch {
                outcome.resumption = .failure(TLSError(code: .closed, reason: ErrorDescription.describe(error, target: self.target)))
            }
        }
        return outcome
    }

    /// Whether a TLS 1.3 handshake offering only `scheme` in signature_algorithms completes
    /// with the server signing its CertificateVerify with it (RFC 8446, Section 4.4.3).
    func tls13Accepts(_ scheme: SignatureScheme) async -> Bool {
        var configuration = TLSClientConfiguration(certificateVerifier: ChainRecordingVerifier())
        configuration.settings.versions = [.tls13]
        configuration.settings.signatureSchemes = [scheme]
        configuration.sessionCache = nil
        guard
            let connection = try? await TLSClient.connect(
                host: self.target.host, port: self.target.port, serverName: self.serverName, configuration: configuration,
                connectTimeout: self.timeout, handshakeTimeout: self.timeout)
        else { return false }
        try? await connection.close()
        return connection.summary.signatureScheme == scheme
    }
}
