/// What became of the 0-RTT data of the first ClientHello by the time the ServerHello
/// arrives (RFC 8446, Section 4.2.10).
enum ClientEarlyDataOffer {
    /// No early data was sent.
    case notOffered
    /// The ClientHello the server answered carries early_data; EncryptedExtensions says
    /// whether it was accepted.
    case offered
    /// Early data went with the first ClientHello and ended at a HelloRetryRequest: rejected.
    case rejectedByHelloRetryRequest
}
