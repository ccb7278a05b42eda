/// Human explanations of alerts received from a peer, saying what probably went wrong.
enum AlertExplanation {
    static func received(_ alert: AlertDescription) -> String {
        let hint: String
        switch alert {
        case .handshakeFailure:
            hint = "it found no acceptable cipher suite, group or signature scheme among those offered"
        case .protocolVersion:
            hint = "it does not speak a TLS version this side offered"
        case .unknownCA:
            hint = "it does not trust the certificate authority of the certificate it was sent"
        case .badCertificate, .unsupportedCertificate, .certificateUnknown:
            hint = "it rejected the certificate it was sent"
        case .certificateRequired:
            hint = "it requires a client certificate; configure one"
        case .noApplicationProtocol:
            hint = "it supports none of the offered ALPN protocols"
        case .unrecognizedName:
            hint = "it has no certificate for the server name sent (SNI)"
        case .decodeError, .illegalParameter, .unexpectedMessage:
            hint = "it found this side's messages malformed or out of order"
        case .badRecordMAC, .decryptError:
            hint = "it could not authenticate this side's records or Finished"
        case .insufficientSecurity:
            hint = "it requires stronger parameters than those offered"
        default:
            hint = "see its logs for the cause"
        }
        return "the peer sent a fatal \(alert) alert: \(hint)"
    }
}
