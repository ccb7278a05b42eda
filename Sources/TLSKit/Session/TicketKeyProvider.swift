import Foundation

/// Where a server finds its ticket keys (RFC 8446, Section 4.6.1): the key that seals new
/// tickets, and the keys that may still open old ones. Share one provider (or providers
/// that return the same keys) across a fleet so that any server resumes any session.
///
/// `now` comes from `TLSServerConfiguration.now`; a provider should not read the clock itself.
public protocol TicketKeyProvider: Sendable {
    /// The key to seal a new ticket with, or nil to issue no tickets.
    func currentKey(now: Date) -> TicketKey?
    /// The key with this id if tickets sealed under it may still be opened, else nil (the
    /// ticket is then ignored and a full handshake follows).
    func key(id: [UInt8], now: Date) -> TicketKey?
}
