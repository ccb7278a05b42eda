import Crypto

/// The checks of what a peer proves in its flight, the same for both roles: that it holds
/// its certificate's key (RFC 8446, Section 4.4.3) and that it saw the same handshake
/// (Section 4.4.4).
enum PeerProof {
    /// Verifies the peer's CertificateVerify over `transcriptHash` with the leaf of `chain`.
    /// A scheme we did not offer is an illegal_parameter; a bad signature a decrypt_error.
    static func checkCertificateVerify(
        _ message: CertificateVerify, offered: [SignatureScheme], chain: PeerCertificateChain,
        transcriptHash: [UInt8], peer: TLSRole
    ) throws {
        guard offered.contains(message.algorithm) else {
            throw PeerMisbehaved.illegalParameter("the \(peer) signed with \(message.algorithm), which was not offered to it")
        }
        let content = TLSSignatureVerification.certificateVerifyContent(
            transcriptHash: transcriptHash, isServer: peer == .server)
        if let leaf = chain.parsedLeaf {
            try TLSSignatureVerification.verify(
                scheme: message.algorithm, signature: message.signature, content: content, publicKey: leaf.publicKey)
        } else {
            // Parsed again only to say why it does not parse.
            try TLSSignatureVerification.verify(
                scheme: message.algorithm, signature: message.signature, content: content, leafCertificateDER: chain.leaf)
        }
    }

    /// Compares the peer's Finished with the value expected from its handshake traffic secret,
    /// in constant time; a mismatch is a decrypt_error. verify_data has the hash's length: any
    /// other length is a malformed message, a decode_error (Section 6.2).
    static func checkFinished(
        _ message: Finished, keySchedule: TLS13KeySchedule, peerHandshakeSecret: SymmetricKey, transcriptHash: [UInt8]
    ) throws {
        let expected = keySchedule.finishedVerifyData(trafficSecret: peerHandshakeSecret, transcriptHash: transcriptHash)
        try message.checkLength(expected.count)
        guard constantTimeEquals(expected, message.verifyData) else {
            throw PeerMisbehaved.finishedMismatch
        }
    }
}
