extension HandshakeSummary {
    /// The summary of a completed handshake, for either role: what was negotiated, and what
    /// the peer proved (`peer` gives its certificates, the verdict, the scheme of its
    /// CertificateVerify, and whether the session was resumed).
    init(
        version: ProtocolVersion, cipherSuite: CipherSuite, role: TLSRole, group: NamedGroup?,
        helloRetryRequested: Bool, serverName: String?, applicationProtocol: String?, peer: PeerIdentity,
        localSignatureScheme: SignatureScheme?, earlyDataAccepted: Bool?, extendedMasterSecret: Bool? = nil
    ) {
        self.init(
            version: version, cipherSuite: cipherSuite, group: group, signatureScheme: peer.signatureScheme,
            applicationProtocol: applicationProtocol, helloRetryRequested: helloRetryRequested, serverName: serverName,
            peerCertificates: peer.certificates, verification: peer.verification, role: role,
            localSignatureScheme: localSignatureScheme, resumed: peer.isResumed, earlyDataAccepted: earlyDataAccepted,
            extendedMasterSecret: extendedMasterSecret)
    }
}
