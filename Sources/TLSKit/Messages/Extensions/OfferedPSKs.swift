/// The ClientHello form of `pre_shared_key` (RFC 8446, Section 4.2.11).
///
/// `identities<7..2^16-1>` and `binders<33..2^16-1>`, each binder `<32..255>`; there is one
/// binder per identity, in the same order.
public struct OfferedPSKs: Hashable, Sendable {
    public var identities: [PSKIdentity]
    public var binders: [[UInt8]]

    public init(identities: [PSKIdentity], binders: [[UInt8]]) {
        self.identities = identities
        self.binders = binders
    }

    /// The encoded size of the `binders` vector, length prefix included: the bytes cut off
    /// the end of a ClientHello to form the truncated ClientHello (RFC 8446, Section 4.2.11.2).
    public var bindersEncodedLength: Int {
        2 + binders.reduce(0) { $0 + 1 + $1.count }
    }
}
