/// The body of the `server_name` extension (RFC 6066, Section 3).
///
/// In a ClientHello it lists host names (only `host_name` entries are defined). In
/// EncryptedExtensions (and a TLS 1.2 ServerHello) the server acknowledges it with an empty
/// body, which decodes to `ServerNameList(names: [])`.
public struct ServerNameList: Hashable, Sendable {
    /// Host names, as the ASCII DNS names the client sends (no trailing dot).
    public var names: [String]

    public init(names: [String]) {
        self.names = names
    }

    /// `NameType.host_name` (RFC 6066, Section 3).
    static let hostNameType: UInt8 = 0
}
