import NIOCore
import TLSKit

/// The one-line summaries `tlskit server` logs per connection:
/// `127.0.0.1:54321 TLSv1.3 TLS_AES_128_GCM_SHA256 x25519 h2 sni=localhost`.
enum TLSServerLogLine {
    /// Address, version, suite, group, then (when present) the ALPN protocol, `sni=`, `hrr`, `resumed`, `early-data=accepted|rejected`,
    /// and the client certificate's subject as `client="..."`.
    static func handshake(_ summary: HandshakeSummary, remote: String) -> String {
        var fields = [remote, summary.version.description, summary.cipherSuite.description]
        fields.append(summary.group.map(\.description) ?? "psk")
        if let alpn = summary.applicationProtocol { fields.append(alpn) }
        if let sni = summary.serverName { fields.append("sni=\(sni)") }
        if summary.helloRetryRequested { fields.append("hrr") }
        if summary.resumed { fields.append("resumed") }
        if let accepted = summary.earlyDataAccepted { fields.append(accepted ? "early-data=accepted" : "early-data=rejected") }
        if let subject = StatusPage.clientCertificateSubject(summary) { fields.append("client=\"\(subject)\"") }
        return fields.joined(separator: " ")
    }

    /// `127.0.0.1:54321 handshake failed: reason`.
    static func failure(_ error: any Error, remote: String) -> String {
        let reason = (error as? TLSError)?.reason ?? "\(error)"
        return "\(remote) handshake failed: \(reason)"
    }

    /// `127.0.0.1:54321` or `[::1]:54321`.
    static func describe(_ address: SocketAddress?) -> String {
        guard let address, let ip = address.ipAddress, let port = address.port else { return "unknown" }
        return address.protocol == .inet6 ? "[\(ip)]:\(port)" : "\(ip):\(port)"
    }
}
