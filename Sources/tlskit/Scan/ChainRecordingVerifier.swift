import Synchronization
import TLSKit

/// A verifier that only writes down the chain (and any stapled OCSP response) the server
/// sent and lets the handshake go on, so a scan can finish a TLSKit handshake with a server
/// whose certificate is bad and judge the chain separately with `CertificateInspector`.
/// Never use it for a connection that carries data.
final class ChainRecordingVerifier: CertificateVerifier {
    private let recorded = Mutex<CertificateVerificationRequest?>(nil)

    func verify(_ request: CertificateVerificationRequest) async -> CertificateVerificationResult {
        self.recorded.withLock { $0 = request }
        return .skippedInsecure
    }

    /// The last request seen: chain as sent, leaf first, and the OCSP staple.
    var lastRequest: CertificateVerificationRequest? { self.recorded.withLock { $0 } }
}
