/// An alert level (RFC 8446, Section 6). In TLS 1.3 the level is informational only.
public enum AlertLevel: UInt8, Hashable, Sendable {
    case warning = 1
    case fatal = 2
}
