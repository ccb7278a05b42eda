/// Which end of the connection this side is (RFC 8446, Section 2).
public enum TLSRole: Sendable, Hashable, CustomStringConvertible {
    case client
    case server

    public var description: String {
        switch self {
        case .client: "client"
        case .server: "server"
        }
    }
}
