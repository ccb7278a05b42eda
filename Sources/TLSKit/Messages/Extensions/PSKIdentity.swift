/// One offered PSK identity (RFC 8446, Section 4.2.11): `identity<1..2^16-1>` and its
/// obfuscated ticket age.
public struct PSKIdentity: Hashable, Sendable {
    public var identity: [UInt8]
    public var obfuscatedTicketAge: UInt32

    public init(identity: [UInt8], obfuscatedTicketAge: UInt32) {
        self.identity = identity
        self.obfuscatedTicketAge = obfuscatedTicketAge
    }
}
