import TLSKit

/// Runs the real verifier and records its verdict, then lets the handshake continue even when
/// the chain is rejected, so `tlskit explain` can show the rest of a handshake with a
/// self-signed or expired certificate, as `openssl s_client` does. Never used to protect data.
struct ReportingCertificateVerifier: CertificateVerifier {
    var verifier: any CertificateVerifier
    var recording: TraceRecording

    func verify(_ request: CertificateVerificationRequest) async -> CertificateVerificationResult {
        let verdict = await self.verifier.verify(request)
        self.recording.verdict = verdict
        if case .rejected = verdict {
            return .skippedInsecure
        }
        return verdict
    }
}
