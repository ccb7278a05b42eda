/// A TLS 1.2 session a connection filed for resumption, or resumed from a cache: withdrawn if
/// the connection ends in a fatal alert, sent or received (RFC 5246, Section 7.2.2: such a
/// session must not be resumed). Indirect, so a connection holds one reference.
indirect enum FiledSession: Sendable {
    /// The server's session-ID cache entry.
    case server(TLS12SessionCache, sessionID: [UInt8])
    /// The client's cached session.
    case client(any ClientSessionCache, ClientSessionKey, ClientSession)

    func withdraw() {
        switch self {
        case .server(let cache, let sessionID): cache.remove(id: sessionID)
        case .client(let cache, let key, let session): cache.remove(session, for: key)
        }
    }
}
