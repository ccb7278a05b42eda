import Crypto
import Foundation
import TLSKit

/// One ticket key that never changes (RFC 8446, Section 4.6.1), so tickets in the seeds that
/// `FuzzSeeds` wrote still open in a later fuzzing process and resumption paths are reached.
/// For fuzzing only: a fixed, published ticket key protects nothing.
public struct FixedTicketKeys: TicketKeyProvider {
    static let key = TicketKey(id: Array(repeating: 0xF0, count: 16), secret: SymmetricKey(data: Array(repeating: 0x5A, count: 32)))

    public init() {}

    public func currentKey(now: Date) -> TicketKey? { Self.key }

    public func key(id: [UInt8], now: Date) -> TicketKey? { id == Self.key.id ? Self.key : nil }
}
