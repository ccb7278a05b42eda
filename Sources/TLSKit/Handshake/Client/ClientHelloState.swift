/// The client has sent a ClientHello and waits for ServerHello or HelloRetryRequest
/// (RFC 8446, Section 4.1).
struct ClientHelloState {
    var clientHello: ClientHello
    var keyPairs: [KeyExchangeKeyPair]
    var transcript: TranscriptHash
    /// Set once a HelloRetryRequest has been answered: the group and suite it chose.
    var retry: (group: NamedGroup, suite: CipherSuite)?
    var sentChangeCipherSpec: Bool
    /// The session offered in pre_shared_key, if any.
    var resumption: ClientResumptionOffer? = nil
    /// The TLS 1.2 session offered in legacy_session_id and session_ticket, if any.
    var tls12Resumption: TLS12ClientResumptionOffer? = nil
    /// Early data went with the first ClientHello and ended at a HelloRetryRequest (rejected).
    var earlyDataRejectedByRetry = false
}
