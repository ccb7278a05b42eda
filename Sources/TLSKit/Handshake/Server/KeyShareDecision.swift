/// What the server does with the client's key shares (RFC 8446, Section 4.2.8).
enum KeyShareDecision: Equatable {
    /// Complete the key exchange with this share of the client's.
    case use(KeyShareEntry)
    /// Ask for a share of this group with a HelloRetryRequest (Section 4.1.4).
    case retry(NamedGroup)
}
