import Crypto

/// The keys of a TLS 1.2 session once the master secret is known, the same for both roles:
/// the record protection of each direction (RFC 5246, Section 6.3), the Finished values
/// (Section 7.4.9), the key log line and the exporter (RFC 5705). A full handshake derives
/// the master secret from the premaster secret; an abbreviated one takes it from the session.
struct TLS12SessionKeys {
    let parameters: CipherSuiteParameters
    let masterSecret: SymmetricKey
    let clientRandom: [UInt8]
    let serverRandom: [UInt8]
    /// Whether `masterSecret` is the extended master secret of RFC 7627.
    let extendedMasterSecret: Bool
    private let keyBlock: TLS12KeyBlock
    /// The PRF keyed with `masterSecret`, for the key block and both Finished.
    private let prf: TLS12KeyedPRF

    /// Keys from the master secret of a session being resumed (RFC 5246, Section 7.3).
    init(
        parameters: CipherSuiteParameters, masterSecret: SymmetricKey, extendedMasterSecret: Bool,
        clientRandom: [UInt8], serverRandom: [UInt8]
    ) {
        self.parameters = parameters
        self.masterSecret = masterSecret
        self.extendedMasterSecret = extendedMasterSecret
        self.clientRandom = clientRandom
        self.serverRandom = serverRandom
        let prf = TLS12KeyedPRF(hash: parameters.hash, secret: masterSecret)
        self.prf = prf
        self.keyBlock = TLS12KeyBlock(parameters: parameters, prf: prf, clientRandom: clientRandom, serverRandom: serverRandom)
    }

    /// Keys from a fresh premaster secret (RFC 5246, Section 8.1). With the extended master
    /// secret, `sessionHash` is the transcript hash through the ClientKeyExchange (RFC 7627,
    /// Section 4); without it the randoms are the seed and `sessionHash` is unused.
    init(
        parameters: CipherSuiteParameters, preMasterSecret: SymmetricKey, extendedMasterSecret: Bool,
        sessionHash: [UInt8], clientRandom: [UInt8], serverRandom: [UInt8]
    ) {
        let masterSecret =
            extendedMasterSecret
            ? TLS12PRF.extendedMasterSecret(hash: parameters.hash, preMasterSecret: preMasterSecret, sessionHash: sessionHash)
            : TLS12PRF.masterSecret(
                hash: parameters.hash, preMasterSecret: preMasterSecret, clientRandom: clientRandom, serverRandom: serverRandom)
        self.init(
            parameters: parameters, masterSecret: masterSecret, extendedMasterSecret: extendedMasterSecret,
            clientRandom: clientRandom, serverRandom: serverRandom)
    }

    /// The protection of the records `writer` sends.
    func recordProtection(writer: TLSRole) -> RecordProtection {
        .tls12(TLS12RecordProtection(parameters: parameters, keyBlock: keyBlock, writer: writer))
    }

    /// The Finished message `sender` sends over the transcript hash up to it.
    func finished(sender: TLSRole, handshakeHash: [UInt8]) -> Finished {
        Finished(
            verifyData: TLS12PRF.verifyData(prf: prf, sender: sender, handshakeHash: handshakeHash))
    }

    /// Compares the peer's Finished with the expected value in constant time; a mismatch is a
    /// decrypt_error (RFC 5246, Section 7.4.9), verify_data of another length than 12 bytes a
    /// decode_error (Section 7.2.2).
    func checkFinished(_ message: Finished, sender: TLSRole, handshakeHash: [UInt8]) throws {
        let expected = finished(sender: sender, handshakeHash: handshakeHash)
        try message.checkLength(expected.verifyData.count)
        guard constantTimeEquals(expected.verifyData, message.verifyData) else {
            throw PeerMisbehaved.finishedMismatch
        }
    }

    /// The key log event for the master secret (`CLIENT_RANDOM`).
    var logEvent: HandshakeEvent { .logSecret(.clientRandom, masterSecret) }

    /// The exporter of the connection (RFC 5705, Section 4).
    var exporter: KeyingMaterialExporter {
        .tls12(hash: parameters.hash, masterSecret: masterSecret, clientRandom: clientRandom, serverRandom: serverRandom)
    }

    /// The session secret to resume with later.
    func sessionSecret(sessionID: [UInt8]) -> SessionSecret {
        .tls12(masterSecret: masterSecret, extendedMasterSecret: extendedMasterSecret, sessionID: sessionID)
    }
}
