import Crypto

/// What the client takes from a verified ServerKeyExchange (RFC 8422, Sections 5.7 and 5.10):
/// its own ephemeral public value for the ClientKeyExchange, and the premaster secret.
struct TLS12ECDHEClientKeyShare: Sendable {
    /// `ClientECDiffieHellmanPublic.ecdh_Yc`: an uncompressed point, or a 32-byte X25519 key.
    let publicKey: [UInt8]
    /// The ECDH shared secret: the x-coordinate for the NIST curves, the X25519 output
    /// (RFC 8422, Section 5.10), never all zeros.
    let preMasterSecret: SymmetricKey

    /// The ClientKeyExchange carrying `publicKey`.
    var clientKeyExchange: ClientKeyExchange { .ecdhe(ecdhYc: publicKey) }
}
