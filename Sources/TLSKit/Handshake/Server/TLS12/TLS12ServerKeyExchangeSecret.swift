/// The server's half of a TLS 1.2 key exchange, kept until the ClientKeyExchange arrives
/// (RFC 5246, Section 7.4.7).
enum TLS12ServerKeyExchangeSecret {
    /// ECDHE: the ephemeral key pair of our ServerKeyExchange (RFC 8422, Section 5.4).
    case ecdhe(KeyExchangeKeyPair)
    /// RSA: the certificate's key, which decrypts the premaster secret (RFC 5246, Section 7.4.7.1).
    case rsa(TLSSigningKey)
}
