/// Whether the server speaks one protocol version, and what it answered when offered it.
struct ProtocolSupport: Codable, Sendable, Hashable {
    /// `SSL 3.0`, `TLS 1.0`, ..., `TLS 1.3`.
    var version: String
    var supported: Bool
    /// `accepted`, `alert protocol_version`, `server chose TLS 1.0 instead`, ...
    var detail: String
}
