extension TLS12ServerState {
    /// The keys are known; the client's ChangeCipherSpec switches its records to them
    /// (RFC 5246, Section 7.1). Any handshake message here is an unexpected_message.
    struct ExpectChangeCipherSpec {
        let negotiation: TLS12ServerNegotiation
        let keys: TLS12SessionKeys
        let transcript: TLS12Transcript
        /// What the client proved, or the session's certificates when resumed.
        let client: PeerIdentity
        /// Whether this is the abbreviated handshake (our Finished is already sent).
        let resumed: Bool

        consuming func handle() -> (TLS12ServerState, [HandshakeEvent]) {
            let next = ExpectFinished(
                negotiation: negotiation, keys: keys, transcript: transcript, client: client, resumed: resumed)
            return (.expectFinished(next), [.changeReadKeys(keys.recordProtection(writer: .client))])
        }
    }
}
