import TLSKit

/// What a server answered to one `ProbeHello`, read until its ServerHelloDone (TLS 1.2 and
/// earlier), its ServerHello or HelloRetryRequest (TLS 1.3: what follows is encrypted), an
/// alert, the end of the connection or the timeout.
struct ProbeReply: Sendable {
    enum Outcome: Sendable, Equatable {
        /// The server accepted the hello: ServerHello or HelloRetryRequest.
        case serverHello(ServerHello)
        /// The server refused with this alert.
        case alert(AlertDescription)
        /// The server closed the connection without a word.
        case closed
        /// Nothing (or not enough) arrived within the timeout.
        case timedOut
        /// The reply could not be read; the sentence says why.
        case malformed(String)
    }

    var outcome: Outcome
    /// The TLS 1.2-form Certificate message, if one came.
    var certificates: [[UInt8]]? = nil
    /// The ECDHE ServerKeyExchange, if one came and was of that form.
    var serverKeyExchange: ServerKeyExchangeECDHE? = nil
    /// Whether a ServerKeyExchange came at all (DHE ones are not decoded).
    var sawServerKeyExchange = false
    /// The ServerKeyExchange body as sent (TLS 1.0 and 1.1 ones carry no signature
    /// algorithm, so only TLS 1.2 ones decode as `ServerKeyExchangeECDHE`).
    var serverKeyExchangeBody: [UInt8]? = nil
    /// Whether a CertificateStatus message (type 22, RFC 6066, Section 8) came.
    var sawCertificateStatus = false
    /// An alert that came after the ServerHello (for instance when the rest failed).
    var laterAlert: AlertDescription? = nil

    /// The ECDHE group of the ServerKeyExchange at any version: `curve_type` named_curve (3)
    /// and the `namedcurve` that follows it (RFC 8422, Section 5.4; RFC 4492, Section 5.4).
    var serverKeyExchangeGroup: NamedGroup? {
        if let message = self.serverKeyExchange { return message.namedCurve }
        guard let body = self.serverKeyExchangeBody, body.count >= 3, body[0] == ServerKeyExchangeECDHE.namedCurveType else {
            return nil
        }
        return NamedGroup(rawValue: UInt16(body[1]) << 8 | UInt16(body[2]))
    }

    var serverHello: ServerHello? {
        if case .serverHello(let hello) = self.outcome { return hello }
        return nil
    }

    /// The version the server chose: `supported_versions` if present (RFC 8446, Section 4.2.1),
    /// else `legacy_version`.
    var negotiatedVersion: ProtocolVersion? {
        guard let hello = self.serverHello else { return nil }
        for case .supportedVersionsServer(let version) in hello.extensions {
            return version
        }
        return hello.legacyVersion
    }

    /// The group the server picked in a TLS 1.3 ServerHello or HelloRetryRequest.
    var tls13Group: NamedGroup? {
        guard let hello = self.serverHello else { return nil }
        for item in hello.extensions {
            switch item {
            case .keyShareServer(let entry): return entry.group
            case .keyShareHelloRetryRequest(let group): return group
            default: continue
            }
        }
        return nil
    }

    /// Whether the ServerHello holds an extension of `type`.
    func serverHelloHas(_ type: ExtensionType) -> Bool {
        self.serverHello?.extensions.contains { $0.type == type } ?? false
    }

    /// The ALPN protocol in the ServerHello (TLS 1.2 and earlier), if any.
    var applicationProtocol: String? {
        for case .applicationLayerProtocolNegotiation(let names) in self.serverHello?.extensions ?? [] {
            return names.first
        }
        return nil
    }

    /// A short phrase for a refusal: "alert handshake_failure", "connection closed", ...
    var refusalDescription: String {
        switch self.outcome {
        case .serverHello: "accepted"
        case .alert(let alert): "alert \(alert)"
        case .closed: "connection closed without an alert"
        case .timedOut: "no answer within the timeout"
        case .malformed(let why): why
        }
    }
}
