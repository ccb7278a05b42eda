import Foundation

/// Where a client keeps session tickets between connections (RFC 8446, Section 4.6.1).
///
/// The connection stores every ticket it receives and, when it starts, takes one for the
/// same `ClientSessionKey`. Tickets are meant to be used once (RFC 8446, Appendix C.4):
/// `take` should remove what it returns. Implementations must be thread-safe.
public protocol ClientSessionCache: Sendable {
    func store(_ session: ClientSession, for key: ClientSessionKey)
    /// A session to resume, newest first, removed from the cache; nil when there is none
    /// that is still valid at `now`.
    func take(for key: ClientSessionKey, now: Date) -> ClientSession?
    /// Withdraws `session` (every copy of it) from the cache: its connection ended in a fatal
    /// alert, and a TLS 1.2 session must then not be resumed (RFC 5246, Section 7.2.2).
    func remove(_ session: ClientSession, for key: ClientSessionKey)
}
