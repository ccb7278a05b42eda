/// RFC 8446, Section 4.6.3.
public enum KeyUpdateRequest: UInt8, Hashable, Sendable {
    case updateNotRequested = 0
    case updateRequested = 1
}
