import Crypto

/// A key that seals and opens stateless session tickets (RFC 8446, Section 4.6.1; the
/// ticket format is ours, the RFC leaves it to the server).
///
/// `id` travels in clear at the front of every ticket so that the provider can find the key
/// again after a rotation; `secret` is a 256-bit AES-GCM key. Servers of one fleet resume
/// each other's sessions when their `TicketKeyProvider`s hand out the same keys.
public struct TicketKey: Sendable {
    /// 1 to 255 bytes, unique among the keys a provider can still return.
    public let id: [UInt8]
    /// 32 bytes (AES-256-GCM).
    public let secret: SymmetricKey

    public init(id: [UInt8], secret: SymmetricKey) {
        self.id = id
        self.secret = secret
    }

    /// A fresh key with a random 16-byte id.
    public static func random() -> TicketKey {
        TicketKey(id: RandomBytes.generate(count: 16), secret: SymmetricKey(size: .bits256))
    }

    /// Whether the key can be used: an id of 1 to 255 bytes and a 256-bit secret.
    var isUsable: Bool {
        (1...255).contains(id.count) && secret.bitCount == 256
    }
}
