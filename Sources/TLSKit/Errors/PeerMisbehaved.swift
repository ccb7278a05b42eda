/// The peer broke the protocol. Each case knows its alert (RFC 8446, Section 6.2).
enum PeerMisbehaved: Error, Hashable, Sendable {
    /// A message that does not fit the current state.
    case unexpectedMessage(String)
    /// A value the peer may not send here (a suite, group or version we did not offer, ...).
    case illegalParameter(String)
    /// A record failed authentication.
    case badRecordMAC
    /// A record longer than the protocol allows.
    case recordOverflow(Int)
    /// The peer's Finished did not match the transcript.
    case finishedMismatch
    /// A PSK binder did not match the ClientHello (RFC 8446, Section 4.2.11.2).
    case binderMismatch
    /// More records under one key than the cipher may safely protect (RFC 8446, Section 5.5).
    case tooManyRecords(limit: UInt64)
    /// The peer's CertificateVerify signature did not verify.
    case badSignature(String)
    /// A required extension is absent.
    case missingExtension(ExtensionType)
    /// An extension we did not offer, or that may not appear in this message.
    case unsupportedExtension(ExtensionType, in: HandshakeType)

    var alert: AlertDescription {
        switch self {
        case .unexpectedMessage: .unexpectedMessage
        case .illegalParameter: .illegalParameter
        case .badRecordMAC: .badRecordMAC
        case .recordOverflow: .recordOverflow
        case .finishedMismatch, .binderMismatch, .badSignature: .decryptError
        case .tooManyRecords: .unexpectedMessage
        case .missingExtension: .missingExtension
        case .unsupportedExtension: .unsupportedExtension
        }
    }

    var tlsError: TLSError {
        let reason: String
        switch self {
        case .unexpectedMessage(let text):
            reason = "the peer sent an unexpected message: \(text)"
        case .illegalParameter(let text):
            reason = "the peer sent an illegal parameter: \(text)"
        case .badRecordMAC:
            reason = "a record from the peer failed authentication (bad_record_mac); the data was corrupted or tampered with"
        case .recordOverflow(let length):
            reason = "the peer sent a record of \(length) bytes, more than TLS allows"
        case .finishedMismatch:
            reason = "the peer's Finished message does not match the handshake; the handshake was tampered with or the peer is broken"
        case .binderMismatch:
            reason = "the peer's PSK binder does not match the ClientHello; it was altered or the peer is broken"
        case .tooManyRecords(let limit):
            reason = "the peer sent more than \(limit) records under one key without a KeyUpdate, beyond the safe limit for this cipher (RFC 8446, Section 5.5)"
        case .badSignature(let text):
            reason = "the peer's CertificateVerify signature is invalid: \(text)"
        case .missingExtension(let type):
            reason = "the peer left out the required \(type) extension"
        case .unsupportedExtension(let type, let message):
            reason = "the peer sent the \(type) extension in \(message), where it was not offered or is not allowed"
        }
        return TLSError(code: .peerMisbehaved, reason: reason, alert: alert)
    }
}
