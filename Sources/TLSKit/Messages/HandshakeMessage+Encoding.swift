import NIOCore

/// Public access to the handshake message codec, for tools that build or read messages
/// outside a `TLSConnection` (a scanner sending its own ClientHellos and reading the plaintext
/// replies).
extension HandshakeMessage {
    /// The message as it goes into a handshake record: `msg_type`, `uint24` length and body
    /// (RFC 8446, Section 4; RFC 5246, Section 7.4).
    public var encodedBytes: [UInt8] {
        Array(encoded.readableBytesView)
    }

    /// Decodes one plaintext handshake message body of `type`, as a client reads it before
    /// encryption starts: with `tls12`, Certificate and the other version-dependent types
    /// are read in their RFC 5246 form, otherwise in the RFC 8446 form. The body must be
    /// consumed exactly; malformed input throws a `TLSError`-convertible error, never traps.
    public static func decodePlaintext(type: HandshakeType, body: [UInt8], tls12: Bool) throws -> HandshakeMessage {
        try decode(type: type, body: ByteBuffer(bytes: body), form: tls12 ? .tls12(keyExchange: nil) : .tls13)
    }
}
