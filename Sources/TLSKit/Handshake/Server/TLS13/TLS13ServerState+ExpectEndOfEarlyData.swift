import NIOCore

extension TLS13ServerState {
    /// The client's 0-RTT data was accepted: it is read under the early keys until
    /// EndOfEarlyData (RFC 8446, Sections 4.2.10 and 4.5).
    struct ExpectEndOfEarlyData {
        let negotiation: TLS13ServerNegotiation
        var transcript: TranscriptHash
        /// The client's certificates from the resumed session.
        let resumedCertificates: [[UInt8]]
        /// 0-RTT bytes received so far.
        private(set) var earlyDataReceived = 0

        init(negotiation: TLS13ServerNegotiation, transcript: TranscriptHash, resumedCertificates: [[UInt8]]) {
            self.negotiation = negotiation
            self.transcript = transcript
            self.resumedCertificates = resumedCertificates
        }

        /// Counts 0-RTT application data; beyond `maximum` (max_early_data_size), unexpected_message.
        mutating func receive(byteCount: Int, maximum: UInt32) throws {
            earlyDataReceived += byteCount
            guard earlyDataReceived <= Int(maximum) else {
                throw PeerMisbehaved.unexpectedMessage("more than max_early_data_size (\(maximum) bytes) of early data")
            }
        }

        /// RFC 8446, Section 4.5: the client's early data ends; its handshake keys follow.
        consuming func handleEndOfEarlyData(raw: ByteBuffer) -> (TLS13ServerState, [HandshakeEvent]) {
            transcript.append(raw)
            let secrets = negotiation.secrets
            let next = ExpectFinished(
                negotiation: negotiation, transcript: transcript, client: .resumed(certificates: resumedCertificates))
            return (.expectFinished(next), [.changeReadKeys(secrets.protection(secrets.client))])
        }
    }
}
