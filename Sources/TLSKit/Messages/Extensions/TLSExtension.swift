/// A TLS extension (RFC 8446, Section 4.2), decoded according to the message it appears in.
///
/// Extensions this library does not model decode to `.unknown` and re-encode byte for byte.
public enum TLSExtension: Hashable, Sendable {
    /// RFC 6066, Section 3. ClientHello: host names; EncryptedExtensions: empty (`names == []`).
    case serverName(ServerNameList)
    /// RFC 8446, Section 4.2.7: `named_group_list<2..2^16-1>`.
    case supportedGroups([NamedGroup])
    /// RFC 8446, Section 4.2.3: `supported_signature_algorithms<2..2^16-2>`.
    case signatureAlgorithms([SignatureScheme])
    /// RFC 8446, Section 4.2.3, same shape as `signature_algorithms`.
    case signatureAlgorithmsCert([SignatureScheme])
    /// RFC 8446, Section 4.2.4: `authorities<3..2^16-1>`, each a DER `DistinguishedName<1..2^16-1>`
    /// the sender trusts. TLSKit reads it (a malformed one is a decode_error) and sends none.
    case certificateAuthorities([[UInt8]])
    /// RFC 8446, Section 4.2.1, ClientHello: `versions<2..254>`.
    case supportedVersionsClient([ProtocolVersion])
    /// RFC 8446, Section 4.2.1, ServerHello and HelloRetryRequest: `selected_version`.
    case supportedVersionsServer(ProtocolVersion)
    /// RFC 8446, Section 4.2.8, ClientHello: `client_shares<0..2^16-1>`.
    case keyShareClient([KeyShareEntry])
    /// RFC 8446, Section 4.2.8, ServerHello: `server_share`.
    case keyShareServer(KeyShareEntry)
    /// RFC 8446, Section 4.2.8, HelloRetryRequest: `selected_group`.
    case keyShareHelloRetryRequest(NamedGroup)
    /// RFC 8446, Section 4.2.2: `cookie<1..2^16-1>`.
    case cookie([UInt8])
    /// RFC 7301, Section 3.1: `protocol_name_list<2..2^16-1>`, names `<1..2^8-1>`.
    /// In EncryptedExtensions the list holds exactly one name.
    case applicationLayerProtocolNegotiation([String])
    /// RFC 8446, Section 4.2.9: `ke_modes<1..255>`.
    case pskKeyExchangeModes([PSKKeyExchangeMode])
    /// RFC 8446, Section 4.2.11, ClientHello. Must be the last extension.
    case preSharedKeyClient(OfferedPSKs)
    /// RFC 8446, Section 4.2.11, ServerHello: the index of the chosen identity.
    case preSharedKeyServer(selectedIdentity: UInt16)
    /// RFC 8446, Section 4.2.10: empty in ClientHello and EncryptedExtensions (`nil`),
    /// `max_early_data_size` in NewSessionTicket.
    case earlyData(maxEarlyDataSize: UInt32?)
    /// RFC 6066, Section 8 and RFC 8446, Section 4.4.2.1; see `StatusRequest`.
    case statusRequest(StatusRequest)
    /// RFC 7685: this many zero bytes.
    case padding(Int)
    /// RFC 7627, Section 5.1 (TLS 1.2): empty.
    case extendedMasterSecret
    /// RFC 5746, Section 3.2 (TLS 1.2): `renegotiated_connection<0..255>`, empty on an
    /// initial handshake.
    case renegotiationInfo([UInt8])
    /// RFC 8422, Section 5.1.2 (TLS 1.2): `ec_point_format_list<1..2^8-1>`; 0 is uncompressed.
    case ecPointFormats([UInt8])
    /// RFC 5077, Section 3.2 (TLS 1.2): the ticket itself, without a length prefix; empty in a
    /// ClientHello that asks for a ticket and in the ServerHello that promises one.
    case sessionTicket([UInt8])
    /// Any other extension, kept byte for byte.
    case unknown(type: ExtensionType, data: [UInt8])

    public var type: ExtensionType {
        switch self {
        case .serverName: .serverName
        case .supportedGroups: .supportedGroups
        case .signatureAlgorithms: .signatureAlgorithms
        case .signatureAlgorithmsCert: .signatureAlgorithmsCert
        case .certificateAuthorities: .certificateAuthorities
        case .supportedVersionsClient, .supportedVersionsServer: .supportedVersions
        case .keyShareClient, .keyShareServer, .keyShareHelloRetryRequest: .keyShare
        case .cookie: .cookie
        case .applicationLayerProtocolNegotiation: .applicationLayerProtocolNegotiation
        case .pskKeyExchangeModes: .pskKeyExchangeModes
        case .preSharedKeyClient, .preSharedKeyServer: .preSharedKey
        case .earlyData: .earlyData
        case .statusRequest: .statusRequest
        case .padding: .padding
        case .extendedMasterSecret: .extendedMasterSecret
        case .renegotiationInfo: .renegotiationInfo
        case .ecPointFormats: .ecPointFormats
        case .sessionTicket: .sessionTicket
        case .unknown(let type, _): type
        }
    }
}
