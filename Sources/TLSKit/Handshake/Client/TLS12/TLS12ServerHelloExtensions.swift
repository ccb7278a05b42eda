/// The extensions of a TLS 1.2 ServerHello, checked against the ClientHello: only types the
/// client offered may come back (RFC 5246, Section 7.4.1.4), each in its TLS 1.2 form.
struct TLS12ServerHelloExtensions {
    /// extended_master_secret came back (RFC 7627, Section 5.1).
    var extendedMasterSecret = false
    /// session_ticket came back: the server will send a NewSessionTicket (RFC 5077, Section 3.2).
    var sessionTicket = false
    /// The ALPN protocol the server selected (RFC 7301, Section 3.1).
    var applicationProtocol: String?

    /// Checks `extensions` against `clientHello`. An extension not offered, or one TLS 1.2
    /// has no place for in a ServerHello, is an unsupported_extension; a missing or non-empty
    /// renegotiation_info a handshake_failure (RFC 5746, Section 3.4: this client insists on
    /// secure renegotiation support, and renegotiates never); a missing extended_master_secret
    /// a handshake_failure when `requireExtendedMasterSecret` is on (RFC 7627, Section 5.2).
    init(
        _ extensions: [TLSExtension], clientHello: ClientHello, applicationProtocols: [String],
        requireExtendedMasterSecret: Bool
    ) throws {
        let offered = Set(clientHello.extensions.map(\.type))
        var renegotiationInfo: [UInt8]?
        for item in extensions {
            guard offered.contains(item.type) else {
                throw PeerMisbehaved.unsupportedExtension(item.type, in: .serverHello)
            }
            switch item {
            case .extendedMasterSecret:
                extendedMasterSecret = true
            case .renegotiationInfo(let data):
                renegotiationInfo = data
            case .ecPointFormats(let formats):
                // RFC 8422, Section 5.2: the list must contain uncompressed.
                guard formats.contains(ClientHandshake.uncompressedPointFormat) else {
                    throw PeerMisbehaved.illegalParameter(
                        "the server's ec_point_formats \(formats) lacks uncompressed (0), the only format TLSKit uses")
                }
            case .sessionTicket(let ticket):
                // RFC 5077, Section 3.2: the server's extension is empty.
                guard ticket.isEmpty else {
                    throw PeerMisbehaved.illegalParameter("the server's session_ticket extension must be empty")
                }
                sessionTicket = true
            case .supportedGroups:
                // RFC 8422 gives TLS 1.2 servers no supported_groups to send, but some echo the
                // client's; it was offered, so it is ignored, as OpenSSL and BoringSSL do.
                break
            case .serverName(let list) where list.names.isEmpty:
                // RFC 6066, Section 3: the server used the name sent.
                break
            case .applicationLayerProtocolNegotiation(let protocols):
                guard protocols.count == 1, let chosen = protocols.first, applicationProtocols.contains(chosen) else {
                    throw PeerMisbehaved.illegalParameter(
                        "the server selected ALPN \(protocols), which is not exactly one of the offered \(applicationProtocols)")
                }
                applicationProtocol = chosen
            default:
                throw PeerMisbehaved.unsupportedExtension(item.type, in: .serverHello)
            }
        }
        guard let renegotiationInfo else {
            throw TLSError(
                code: .peerIncompatible,
                reason: "the server sent no renegotiation_info extension: it does not support secure renegotiation "
                    + "(RFC 5746), which TLSKit requires of TLS 1.2 servers; the server must be updated",
                alert: .handshakeFailure)
        }
        guard renegotiationInfo.isEmpty else {
            throw TLSError(
                code: .peerMisbehaved,
                reason: "the server's renegotiation_info in the initial handshake must be empty (RFC 5746, Section 3.4)",
                alert: .handshakeFailure)
        }
        if requireExtendedMasterSecret, !extendedMasterSecret {
            throw TLSError(
                code: .peerIncompatible,
                reason: "the TLS 1.2 server does not support the extended master secret (RFC 7627), which protects "
                    + "against the triple-handshake attack; set requireExtendedMasterSecret = false in the "
                    + "configuration's settings to connect anyway",
                alert: .handshakeFailure)
        }
    }
}
