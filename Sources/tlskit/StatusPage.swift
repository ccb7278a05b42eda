import TLSKit
import X509

/// The text page `tlskit server --status` answers every request with: what the request's own
/// connection negotiated, in the spirit of `openssl s_server -www`.
enum StatusPage {
    static func text(summary: HandshakeSummary?, clientAddress: String, method: String, target: String) -> String {
        var lines = ["tlskit server status", "", "Request:            \(method) \(target)", "Client address:     \(clientAddress)"]
        guard let summary else {
            lines.append("TLS:                none (plain connection)")
            return lines.joined(separator: "\n") + "\n"
        }
        lines.append("Protocol:           \(summary.version)")
        lines.append("Cipher suite:       \(summary.cipherSuite)")
        lines.append("Key exchange group: \(summary.group.map(\.description) ?? "none (pre-shared key only)")")
        lines.append("Signature scheme:   \(summary.signatureScheme.map(\.description) ?? "none")")
        lines.append("ALPN protocol:      \(summary.applicationProtocol ?? "none")")
        lines.append("SNI:                \(summary.serverName ?? "none")")
        lines.append("HelloRetryRequest:  \(summary.helloRetryRequested ? "yes" : "no")")
        if let extended = summary.extendedMasterSecret {
            lines.append("Extended master secret: \(extended ? "yes" : "no")")
        }
        lines.append("Client certificate: \(Self.clientCertificateSubject(summary) ?? "none")")
        lines.append("Session:            \(summary.resumed ? "resumed" : "new")")
        let earlyData = summary.earlyDataAccepted.map { $0 ? "accepted" : "rejected" } ?? "none"
        lines.append("Early data:         \(earlyData)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The subject of the client's leaf certificate, if it sent one.
    static func clientCertificateSubject(_ summary: HandshakeSummary) -> String? {
        guard let der = summary.peerCertificates.first else { return nil }
        guard let certificate = try? Certificate(derEncoded: der) else { return "(unparsable certificate)" }
        return certificate.subject.description
    }
}
