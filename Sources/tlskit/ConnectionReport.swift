import TLSKit
import X509

/// The human-readable report `tlskit client` prints (to standard error) after the handshake:
/// the negotiated parameters, the peer's chain and the verification result.
struct ConnectionReport {
    var target: HostPort
    /// The address actually connected to, if known (`93.184.216.34:443`).
    var remoteAddress: String?
    var summary: HandshakeSummary

    var lines: [String] {
        var lines: [String] = []
        if let remoteAddress {
            lines.append("Connected to \(self.target) (\(remoteAddress))")
        } else {
            lines.append("Connected to \(self.target)")
        }
        lines.append("---")
        if self.summary.peerCertificates.isEmpty {
            lines.append("No certificate chain (the session was resumed)")
        } else {
            lines.append("Certificate chain (\(self.summary.peerCertificates.count), leaf first)")
            for (index, der) in self.summary.peerCertificates.enumerated() {
                do {
                    lines += try CertificateDescription(derEncoded: der).lines(index: index)
                } catch {
                    lines.append(" \(index) (could not be parsed: \(error))")
                }
            }
        }
        lines.append("---")
        lines.append("Protocol:          \(self.summary.version)")
        lines.append("Cipher suite:      \(self.summary.cipherSuite)")
        lines.append("Key exchange:      \(self.summary.group.map(\.description) ?? "none (pre-shared key only)")")
        lines.append("Signature scheme:  \(self.summary.signatureScheme.map(\.description) ?? "none")")
        lines.append("ALPN protocol:     \(self.summary.applicationProtocol ?? "none")")
        if let extended = self.summary.extendedMasterSecret {
            lines.append("Extended master secret: \(extended ? "yes" : "no")")
        } else {
            lines.append("HelloRetryRequest: \(self.summary.helloRetryRequested ? "yes" : "no")")
        }
        lines.append("Server name:       \(self.summary.serverName ?? "none")")
        lines.append("Verification:      \(Self.describe(self.summary.verification))")
        lines.append("---")
        return lines
    }

    static func describe(_ verification: CertificateVerificationResult?) -> String {
        switch verification {
        case .trusted(let chain):
            guard let anchor = chain.last, let root = try? Certificate(derEncoded: anchor) else {
                return "verified"
            }
            return "verified: chain to '\(root.subject)'"
        case .skippedInsecure:
            return "NOT VERIFIED (--insecure)"
        case .rejected(let error):
            return "REJECTED: \(error.reason)"
        case nil:
            return "no certificate checked"
        }
    }
}
