/// One step of `tlskit explain`'s account of a handshake: a message, a change_cipher_spec, an
/// alert, a key schedule step, the certificate check, or the end of the handshake.
struct NarratedStep: Codable, Hashable, Sendable {
    enum Kind: String, Codable, Hashable, Sendable {
        /// A handshake message (RFC 8446, Section 4; RFC 5246, Section 7.4).
        case message
        case changeCipherSpec
        case alert
        /// Secrets derived and keys switched (RFC 8446, Section 7.1; RFC 5246, Section 8.1).
        case keys
        case certificateCheck
        case handshakeComplete
    }

    var number: Int
    var kind: Kind
    /// `ClientHello`, `HelloRetryRequest`, `Handshake keys`, ...
    var title: String
    /// `client` or `server` for what went on the wire; nil for steps on this side only.
    var from: String?
    /// Bytes on the wire: the 4-byte handshake header and body, or the record body of a
    /// change_cipher_spec or alert; without record headers and protection.
    var size: Int?
    /// Milliseconds from the start of the TCP connect.
    var milliseconds: Double
    var facts: [NarratedFact]
    /// What the step means, in plain words.
    var explanation: String

    /// The step as indented text lines.
    var lines: [String] {
        var header = "[\(self.number)] \(self.title)"
        if let from = self.from {
            header += "   \(from == "client" ? "client -> server" : "server -> client")"
        }
        if let size = self.size {
            header += size == 1 ? "   1 byte" : "   \(size) bytes"
        }
        header += "   +\(Self.format(milliseconds: self.milliseconds)) ms"
        var lines = [header]
        let width = self.facts.map(\.label.count).max() ?? 0
        for fact in self.facts {
            let padding = String(repeating: " ", count: width - fact.label.count)
            lines.append("    \(fact.label):\(padding) \(fact.value)")
        }
        if !self.explanation.isEmpty {
            lines += TextWrapping.wrap(self.explanation, width: 92).map { "    " + $0 }
        }
        return lines
    }

    /// `12.3`: one decimal.
    static func format(milliseconds: Double) -> String {
        let tenths = (milliseconds * 10).rounded()
        return "\(Int(tenths) / 10).\(Int(tenths) % 10)"
    }
}
