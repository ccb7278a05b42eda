/// One key share (RFC 8446, Section 4.2.8): a group and its `key_exchange<1..2^16-1>`.
public struct KeyShareEntry: Hashable, Sendable {
    public var group: NamedGroup
    public var keyExchange: [UInt8]

    public init(group: NamedGroup, keyExchange: [UInt8]) {
        self.group = group
        self.keyExchange = keyExchange
    }
}
