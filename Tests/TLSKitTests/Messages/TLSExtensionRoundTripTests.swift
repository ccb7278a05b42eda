import NIOCore
import Testing

@testable import TLSKit

/// decode(encode(x)) == x for every extension, in every message it may appear in.
@Suite struct TLSExtensionRoundTripTests {
    typealias Support = MessageCodecTestSupport

    static let cases: [(name: String, extension: TLSExtension, context: ExtensionContext, wire: [UInt8]?)] = [
        ("server_name CH", .serverName(ServerNameList(names: ["example.com"])), .clientHello,
         [0, 0, 0, 16, 0, 14, 0, 0, 11] + Array("example.com".utf8)),
        ("server_name EE", .serverName(ServerNameList(names: [])), .encryptedExtensions, [0, 0, 0, 0]),
        ("supported_groups", .supportedGroups([.x25519, .secp256r1]), .clientHello, [0, 10, 0, 6, 0, 4, 0, 0x1D, 0, 0x17]),
        ("supported_groups EE", .supportedGroups([.x25519MLKEM768]), .encryptedExtensions, nil),
        ("signature_algorithms", .signatureAlgorithms([.ed25519]), .clientHello, [0, 13, 0, 4, 0, 2, 8, 7]),
        ("signature_algorithms CR", .signatureAlgorithms([.ecdsaSecp384r1SHA384, .rsaPSSRSAESHA512]), .certificateRequest, nil),
        ("signature_algorithms_cert", .signatureAlgorithmsCert([.rsaPKCS1SHA256]), .clientHello, [0, 50, 0, 4, 0, 2, 4, 1]),
        ("signature_algorithms_cert CR", .signatureAlgorithmsCert([.rsaPKCS1SHA384]), .certificateRequest, nil),
        ("certificate_authorities CH", .certificateAuthorities([[0x30, 0]]), .clientHello, [0, 47, 0, 6, 0, 4, 0, 2, 0x30, 0]),
        ("certificate_authorities CR", .certificateAuthorities([[0x30, 0], [0x30, 1, 5]]), .certificateRequest, nil),
        ("supported_versions CH", .supportedVersionsClient([.tls13, .tls12]), .clientHello, [0, 43, 0, 5, 4, 3, 4, 3, 3]),
        ("supported_versions SH", .supportedVersionsServer(.tls13), .serverHello, [0, 43, 0, 2, 3, 4]),
        ("supported_versions HRR", .supportedVersionsServer(.tls13), .helloRetryRequest, nil),
        ("key_share CH", .keyShareClient([KeyShareEntry(group: .x25519, keyExchange: [1, 2])]), .clientHello,
         [0, 51, 0, 8, 0, 6, 0, 0x1D, 0, 2, 1, 2]),
        ("key_share CH empty", .keyShareClient([]), .clientHello, [0, 51, 0, 2, 0, 0]),
        ("key_share SH", .keyShareServer(KeyShareEntry(group: .secp384r1, keyExchange: [4, 5, 6])), .serverHello,
         [0, 51, 0, 7, 0, 0x18, 0, 3, 4, 5, 6]),
        ("key_share HRR", .keyShareHelloRetryRequest(.secp256r1), .helloRetryRequest, [0, 51, 0, 2, 0, 0x17]),
        ("cookie CH", .cookie([0xCC]), .clientHello, [0, 44, 0, 3, 0, 1, 0xCC]),
        ("cookie HRR", .cookie([UInt8](repeating: 1, count: 300)), .helloRetryRequest, nil),
        ("ALPN CH", .applicationLayerProtocolNegotiation(["h2", "http/1.1"]), .clientHello,
         [0, 16, 0, 14, 0, 12, 2] + Array("h2".utf8) + [8] + Array("http/1.1".utf8)),
        ("ALPN EE", .applicationLayerProtocolNegotiation(["h2"]), .encryptedExtensions, nil),
        ("psk_key_exchange_modes", .pskKeyExchangeModes([.pskDHEKE]), .clientHello, [0, 45, 0, 2, 1, 1]),
        ("pre_shared_key CH",
         .preSharedKeyClient(OfferedPSKs(
            identities: [PSKIdentity(identity: [7], obfuscatedTicketAge: 2)],
            binders: [[UInt8](repeating: 3, count: 32)])),
         .clientHello,
         [0, 41, 0, 44, 0, 7, 0, 1, 7, 0, 0, 0, 2, 0, 33, 32] + [UInt8](repeating: 3, count: 32)),
        ("pre_shared_key SH", .preSharedKeyServer(selectedIdentity: 3), .serverHello, [0, 41, 0, 2, 0, 3]),
        ("early_data CH", .earlyData(maxEarlyDataSize: nil), .clientHello, [0, 42, 0, 0]),
        ("early_data EE", .earlyData(maxEarlyDataSize: nil), .encryptedExtensions, nil),
        ("early_data NST", .earlyData(maxEarlyDataSize: 1024), .newSessionTicket, [0, 42, 0, 4, 0, 0, 4, 0]),
        ("status_request CH", .statusRequest(.ocspRequest(responderIDs: [], requestExtensions: [])), .clientHello,
         [0, 5, 0, 5, 1, 0, 0, 0, 0]),
        ("status_request CH ids", .statusRequest(.ocspRequest(responderIDs: [[1], [2, 3]], requestExtensions: [0x30, 0])),
         .clientHello, nil),
        ("status_request CH other type", .statusRequest(.other(statusType: 2, data: [0, 0])), .clientHello, [0, 5, 0, 3, 2, 0, 0]),
        ("status_request CT", .statusRequest(.ocspResponse([0x30, 0])), .certificate, [0, 5, 0, 6, 1, 0, 0, 2, 0x30, 0]),
        ("status_request CR", .statusRequest(.empty), .certificateRequest, [0, 5, 0, 0]),
        ("padding", .padding(3), .clientHello, [0, 21, 0, 3, 0, 0, 0]),
        ("padding empty", .padding(0), .clientHello, [0, 21, 0, 0]),
        ("extended_master_secret CH", .extendedMasterSecret, .clientHello, [0, 23, 0, 0]),
        ("extended_master_secret SH", .extendedMasterSecret, .serverHello, [0, 23, 0, 0]),
        ("renegotiation_info CH", .renegotiationInfo([]), .clientHello, [0xFF, 1, 0, 1, 0]),
        ("renegotiation_info SH renegotiating", .renegotiationInfo([UInt8](repeating: 0xA5, count: 24)), .serverHello,
         [0xFF, 1, 0, 25, 24] + [UInt8](repeating: 0xA5, count: 24)),
        ("renegotiation_info longest", .renegotiationInfo([UInt8](repeating: 1, count: 255)), .serverHello, nil),
        ("ec_point_formats CH", .ecPointFormats([0]), .clientHello, [0, 11, 0, 2, 1, 0]),
        ("ec_point_formats SH", .ecPointFormats([0, 1, 2]), .serverHello, [0, 11, 0, 4, 3, 0, 1, 2]),
        ("session_ticket CH empty", .sessionTicket([]), .clientHello, [0, 35, 0, 0]),
        ("session_ticket CH ticket", .sessionTicket([1, 2, 3]), .clientHello, [0, 35, 0, 3, 1, 2, 3]),
        ("session_ticket SH", .sessionTicket([]), .serverHello, [0, 35, 0, 0]),
        ("unknown CH", .unknown(type: ExtensionType(rawValue: 0x7A7A), data: [0]), .clientHello, [0x7A, 0x7A, 0, 1, 0]),
        ("unknown EE", .unknown(type: ExtensionType(rawValue: 0xEEEE), data: []), .encryptedExtensions, [0xEE, 0xEE, 0, 0]),
        ("unknown CT", .unknown(type: ExtensionType(rawValue: 18), data: [1, 2]), .certificate, nil),
        ("unknown NST", .unknown(type: ExtensionType(rawValue: 99), data: [1]), .newSessionTicket, nil),
        ("unknown HRR", .unknown(type: ExtensionType(rawValue: 99), data: [1]), .helloRetryRequest, nil),
    ]

    @Test(arguments: cases.indices)
    func roundTrips(index: Int) throws {
        let item = Self.cases[index]
        let encoded = Support.encode(item.extension)
        if let wire = item.wire {
            #expect(encoded == wire, "\(item.name) wire form")
        }
        let decoded = try Support.decodeExtension(encoded, context: item.context)
        #expect(decoded == item.extension, "\(item.name)")
        #expect(decoded.type == item.extension.type)
    }

    @Test func everyModeledTypeIsCovered() {
        let covered = Set(Self.cases.map(\.extension.type))
        #expect(TLSExtension.modeledTypes.isSubset(of: covered))
    }

    @Test func blockRoundTripsAndKeepsOrder() throws {
        let extensions: [TLSExtension] = [
            .unknown(type: ExtensionType(rawValue: 0x1A1A), data: []),
            .supportedVersionsClient([.tls13]),
            .serverName(ServerNameList(names: ["a.example"])),
            .preSharedKeyClient(OfferedPSKs(
                identities: [PSKIdentity(identity: [1], obfuscatedTicketAge: 0)],
                binders: [[UInt8](repeating: 0, count: 32)])),
        ]
        var buffer = ByteBuffer()
        TLSExtension.encodeBlock(extensions, into: &buffer)
        #expect(Support.encode(extensions[1]).count + 2 < buffer.readableBytes)
        let decoded = try Support.decodeBlock(Array(buffer.readableBytesView), context: .clientHello)
        #expect(decoded == extensions)
        #expect(decoded.first(.serverName) == extensions[2])
        #expect(decoded.first(.cookie) == nil)
    }
}
