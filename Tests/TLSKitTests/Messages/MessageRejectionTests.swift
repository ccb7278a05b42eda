import NIOCore
import Testing

@testable import TLSKit

/// Malformed messages and extensions are refused with the alert RFC 8446 names.
@Suite struct MessageRejectionTests {
    typealias Support = MessageCodecTestSupport
    typealias Vectors = RFC8448MessageVectors

    static func body(_ message: [UInt8]) -> [UInt8] { Array(message.dropFirst(4)) }

    // MARK: Truncation and trailing bytes

    /// Every proper prefix of a message body fails with decode_error; the only exception is a
    /// ClientHello or ServerHello cut right before its extensions block (a TLS 1.2-style hello).
    @Test(arguments: [
        ("ClientHello", Vectors.clientHello, Optional(2 + 32 + 1 + 8 + 2)),
        ("ServerHello", Vectors.serverHello, Optional(2 + 32 + 1 + 2 + 1)),
        ("EncryptedExtensions", Vectors.encryptedExtensions, nil),
        ("Certificate", Vectors.certificate, nil),
        ("CertificateVerify", Vectors.certificateVerify, nil),
        ("NewSessionTicket", Vectors.newSessionTicket, nil),
        ("resumed ClientHello", Vectors.resumedClientHello, Optional(2 + 32 + 1 + 8 + 2)),
    ] as [(String, [UInt8], Int?)])
    func truncatedBodiesAreDecodeErrors(name: String, message: [UInt8], legacyCut: Int?) throws {
        let type = HandshakeType(rawValue: message[0])
        let body = Self.body(message)
        for length in 0..<body.count where length != legacyCut {
            let alert = Support.alert { _ = try Support.decodeBody(type, Array(body.prefix(length))) }
            #expect(alert == .decodeError, "\(name) cut to \(length) bytes")
        }
        if let legacyCut {
            guard case .some(let message) = try? Support.decodeBody(type, Array(body.prefix(legacyCut))) else {
                Issue.record("\(name) without extensions should decode")
                return
            }
            #expect(Support.encode(message).count == 4 + legacyCut)
        }
    }

    @Test(arguments: [
        Vectors.clientHello, Vectors.serverHello, Vectors.encryptedExtensions, Vectors.certificate,
        Vectors.certificateVerify, Vectors.newSessionTicket,
        [24, 0, 0, 1, 1], [5, 0, 0, 0],
    ])
    func trailingBytesAreDecodeErrors(message: [UInt8]) {
        let type = HandshakeType(rawValue: message[0])
        #expect(throws: DecodeError.trailingBytes("handshake message", 1)) {
            _ = try Support.decodeBody(type, Self.body(message) + [0])
        }
        #expect(Support.alert { _ = try Support.decodeBody(type, Self.body(message) + [0, 0, 0]) } == .decodeError)
    }

    @Test func trailingBytesInsideExtensionBodies() {
        let bodies: [(ExtensionType, [UInt8], ExtensionContext)] = [
            (.supportedVersions, [3, 4, 0], .serverHello),
            (.keyShare, [0, 0x1D, 0, 1, 9, 0], .serverHello),
            (.keyShare, [0, 0x1D, 0], .helloRetryRequest),
            (.preSharedKey, [0, 0, 0], .serverHello),
            (.supportedGroups, [0, 2, 0, 0x1D, 0], .clientHello),
            (.cookie, [0, 1, 1, 1], .clientHello),
            (.earlyData, [0], .encryptedExtensions),
            (.earlyData, [0, 0, 0, 1, 0], .newSessionTicket),
            (.serverName, [0], .encryptedExtensions),
            (.statusRequest, [0], .certificateRequest),
            (.statusRequest, [1, 0, 0, 0, 0, 0], .clientHello),
            (.statusRequest, [1, 0, 0, 1, 0x30, 0], .certificate),
            (.pskKeyExchangeModes, [1, 1, 1], .clientHello),
        ]
        for (type, body, context) in bodies {
            let alert = Support.alert { _ = try Support.decodeExtensionBody(type, body, context: context) }
            #expect(alert == .decodeError, "\(type) in \(context)")
        }
    }

    @Test func trailingBytesInsideAnExtensionBlock() {
        // The block claims 5 bytes but holds one 4-byte extension and a stray byte.
        #expect(Support.alert { _ = try Support.decodeBlock([0, 5, 0xEE, 0xEE, 0, 0, 0], context: .encryptedExtensions) } == .decodeError)
    }

    // MARK: Vector bounds

    static func clientHelloBody(sessionID: [UInt8] = [], suites: [UInt8] = [0, 2, 0x13, 0x01], compression: [UInt8] = [1, 0]) -> [UInt8] {
        [3, 3] + [UInt8](repeating: 0, count: 32) + [UInt8(sessionID.count)] + sessionID + suites + compression
    }

    @Test func clientHelloVectorBounds() throws {
        // The baseline decodes.
        _ = try Support.decodeBody(.clientHello, Self.clientHelloBody())
        let bad: [(String, [UInt8])] = [
            ("session ID of 33 bytes", Self.clientHelloBody(sessionID: [UInt8](repeating: 1, count: 33))),
            ("no cipher suites", Self.clientHelloBody(suites: [0, 0])),
            ("odd cipher_suites", Self.clientHelloBody(suites: [0, 3, 0x13, 0x01, 0x13])),
            ("no compression methods", Self.clientHelloBody(compression: [0])),
            ("short random", [3, 3] + [UInt8](repeating: 0, count: 31)),
        ]
        for (name, body) in bad {
            #expect(Support.alert { _ = try Support.decodeBody(.clientHello, body) } == .decodeError, "\(name)")
        }
    }

    @Test func serverHelloVectorBounds() {
        let sessionID = [UInt8](repeating: 1, count: 33)
        let body: [UInt8] = [3, 3] + [UInt8](repeating: 0, count: 32) + [33] + sessionID + [0x13, 0x01, 0]
        #expect(Support.alert { _ = try Support.decodeBody(.serverHello, body) } == .decodeError)
    }

    @Test func extensionVectorBounds() {
        let bodies: [(String, ExtensionType, [UInt8], ExtensionContext)] = [
            ("empty supported_groups", .supportedGroups, [0, 0], .clientHello),
            ("odd supported_groups", .supportedGroups, [0, 3, 0, 0x1D, 0], .clientHello),
            ("empty signature_algorithms", .signatureAlgorithms, [0, 0], .clientHello),
            ("odd signature_algorithms", .signatureAlgorithms, [0, 3, 8, 4, 8], .clientHello),
            ("signature_algorithms of 2^16-1", .signatureAlgorithms, [0xFF, 0xFF] + [UInt8](repeating: 0, count: 0xFFFF), .clientHello),
            ("odd signature_algorithms_cert", .signatureAlgorithmsCert, [0, 1, 8], .certificateRequest),
            // BoGo's RejectEmptyCertificateAuthorities-* and ExtensionTrailingData-CertificateAuthorities-*.
            ("empty certificate_authorities", .certificateAuthorities, [0, 0], .clientHello),
            ("empty DistinguishedName", .certificateAuthorities, [0, 3, 0, 0, 0], .certificateRequest),
            ("certificate_authorities with trailing data", .certificateAuthorities, [0, 4, 0, 2, 0x30, 0, 0], .certificateRequest),
            ("empty supported_versions", .supportedVersions, [0], .clientHello),
            ("odd supported_versions", .supportedVersions, [3, 3, 4, 3], .clientHello),
            ("supported_versions of 255", .supportedVersions, [255] + [UInt8](repeating: 3, count: 255), .clientHello),
            ("empty key_exchange", .keyShare, [0, 4, 0, 0x1D, 0, 0], .clientHello),
            ("empty server key_exchange", .keyShare, [0, 0x1D, 0, 0], .serverHello),
            ("empty cookie", .cookie, [0, 0], .helloRetryRequest),
            ("empty ALPN list", .applicationLayerProtocolNegotiation, [0, 0], .clientHello),
            ("empty ALPN name", .applicationLayerProtocolNegotiation, [0, 3, 0, 1, 0x61], .clientHello),
            ("two ALPN names from the server", .applicationLayerProtocolNegotiation, [0, 4, 1, 0x61, 1, 0x62], .encryptedExtensions),
            ("empty psk modes", .pskKeyExchangeModes, [0], .clientHello),
            ("empty server_name list", .serverName, [0, 0], .clientHello),
            ("empty host_name", .serverName, [0, 3, 0, 0, 0], .clientHello),
            ("unknown name_type", .serverName, [0, 4, 1, 0, 1, 0x61], .clientHello),
            ("non-UTF-8 host_name", .serverName, [0, 4, 0, 0, 1, 0xFF], .clientHello),
            ("binder of 31 bytes", .preSharedKey,
             [0, 7, 0, 1, 7, 0, 0, 0, 0, 0, 32, 31] + [UInt8](repeating: 0, count: 31), .clientHello),
            ("empty identity", .preSharedKey,
             [0, 6, 0, 0, 0, 0, 0, 0, 0, 33, 32] + [UInt8](repeating: 0, count: 32), .clientHello),
            ("empty OCSP response", .statusRequest, [1, 0, 0, 0], .certificate),
            ("non-zero padding", .padding, [0, 1], .clientHello),
        ]
        for (name, type, body, context) in bodies {
            let alert = Support.alert { _ = try Support.decodeExtensionBody(type, body, context: context) }
            #expect(alert == .decodeError, "\(name)")
        }
    }

    @Test func messageVectorBounds() {
        let bodies: [(String, HandshakeType, [UInt8])] = [
            ("empty ticket", .newSessionTicket, [0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0, 0]),
            ("empty cert_data", .certificate, [0, 0, 0, 5, 0, 0, 0, 0, 0]),
            ("certificate_list longer than the body", .certificate, [0, 0, 0, 9, 0, 0, 1, 0x30, 0, 0]),
            ("request context longer than the body", .certificateRequest, [5, 1, 2]),
            ("CertificateRequest with an empty extension block", .certificateRequest, [0, 0, 0]),
            ("CertificateVerify signature longer than the body", .certificateVerify, [8, 4, 0, 3, 1, 2]),
        ]
        for (name, type, body) in bodies {
            #expect(Support.alert { _ = try Support.decodeBody(type, body) } == .decodeError, "\(name)")
        }
    }

    // MARK: Extension blocks

    @Test func duplicateExtensionsAreIllegalParameter() {
        let groups: [UInt8] = [0, 2, 0, 0x1D]
        #expect(throws: DecodeError.duplicateExtension(.supportedGroups)) {
            _ = try Support.decodeBlock(Support.block([(10, groups), (0, []), (10, groups)]), context: .encryptedExtensions)
        }
        let alert = Support.alert {
            _ = try Support.decodeBlock(Support.block([(0xEEEE, []), (0xEEEE, [1])]), context: .encryptedExtensions)
        }
        #expect(alert == .illegalParameter, "unknown extensions may not repeat either")
    }

    @Test func preSharedKeyMustBeLastInClientHello() throws {
        let psk: [UInt8] = [0, 7, 0, 1, 7, 0, 0, 0, 0, 0, 33, 32] + [UInt8](repeating: 0, count: 32)
        let versions: [UInt8] = [2, 3, 4]
        let good = try Support.decodeBlock(Support.block([(43, versions), (41, psk)]), context: .clientHello)
        #expect(good.last?.type == .preSharedKey)
        let alert = Support.alert { _ = try Support.decodeBlock(Support.block([(41, psk), (43, versions)]), context: .clientHello) }
        #expect(alert == .illegalParameter)
    }

    @Test func pskIdentityAndBinderCountsMustMatch() {
        let body: [UInt8] = [0, 14, 0, 1, 7, 0, 0, 0, 0, 0, 1, 8, 0, 0, 0, 0, 0, 33, 32] + [UInt8](repeating: 0, count: 32)
        #expect(Support.alert { _ = try Support.decodeExtensionBody(.preSharedKey, body, context: .clientHello) } == .illegalParameter)
    }

    @Test func duplicateKeyShareGroupsAreIllegalParameter() {
        let body: [UInt8] = [0, 10, 0, 0x1D, 0, 1, 1, 0, 0x1D, 0, 1, 2]
        #expect(Support.alert { _ = try Support.decodeExtensionBody(.keyShare, body, context: .clientHello) } == .illegalParameter)
    }

    @Test func extensionsOutsideTheirMessagesAreIllegalParameter() {
        let misplaced: [(ExtensionType, [UInt8], ExtensionContext)] = [
            (.keyShare, [0, 0x1D, 0, 1, 1], .encryptedExtensions),
            (.supportedVersions, [3, 4], .encryptedExtensions),
            (.signatureAlgorithms, [0, 2, 8, 4], .serverHello),
            (.cookie, [0, 1, 1], .serverHello),
            (.padding, [0], .encryptedExtensions),
            (.earlyData, [], .certificateRequest),
            (.preSharedKey, [0, 0], .helloRetryRequest),
            (.applicationLayerProtocolNegotiation, [0, 3, 2, 0x68, 0x32], .certificate),
            (.pskKeyExchangeModes, [1, 1], .newSessionTicket),
            (.statusRequest, [], .encryptedExtensions),
            (.serverName, [], .serverHello),
            (.supportedGroups, [0, 2, 0, 0x1D], .helloRetryRequest),
            (.signatureAlgorithmsCert, [0, 2, 8, 4], .certificate),
            (.keyShare, [0, 0x1D], .certificateRequest),
        ]
        for (type, body, context) in misplaced {
            let alert = Support.alert { _ = try Support.decodeExtensionBody(type, body, context: context) }
            #expect(alert == .illegalParameter, "\(type) in \(context)")
        }
        // Through a whole message too: key_share in EncryptedExtensions.
        let ee = Support.block([(51, [0, 0x1D, 0, 1, 1])])
        #expect(Support.alert { _ = try Support.decodeBody(.encryptedExtensions, ee) } == .illegalParameter)
        // Unknown code points are never illegal.
        #expect(throws: Never.self) {
            _ = try Support.decodeBody(.encryptedExtensions, Support.block([(0xABCD, [1, 2])]))
        }
    }

    @Test func tls12ServerHelloIsNotHeldToTheTLS13Table() throws {
        let prefix: [UInt8] = [3, 3] + [UInt8](repeating: 2, count: 32) + [0, 0xC0, 0x2F, 0]
        let alpn: [UInt8] = [0, 3, 2, 0x68, 0x32]
        // Without supported_versions: a TLS 1.2 ServerHello; ALPN and server_name decode.
        guard case .serverHello(let hello) = try Support.decodeBody(.serverHello, prefix + Support.block([(16, alpn), (0, [])])) else {
            Issue.record("not a ServerHello")
            return
        }
        #expect(hello.extensions == [.applicationLayerProtocolNegotiation(["h2"]), .serverName(ServerNameList(names: []))])
        // With supported_versions: TLS 1.3 rules apply.
        let tls13 = prefix + Support.block([(43, [3, 4]), (16, alpn)])
        #expect(Support.alert { _ = try Support.decodeBody(.serverHello, tls13) } == .illegalParameter)
    }

    // MARK: KeyUpdate

    @Test func keyUpdateValuesOtherThanZeroOrOneAreIllegalParameter() throws {
        #expect(try Support.decodeBody(.keyUpdate, [0]) == .keyUpdate(KeyUpdate(requestUpdate: .updateNotRequested)))
        #expect(try Support.decodeBody(.keyUpdate, [1]) == .keyUpdate(KeyUpdate(requestUpdate: .updateRequested)))
        for value: UInt8 in [2, 3, 255] {
            #expect(Support.alert { _ = try Support.decodeBody(.keyUpdate, [value]) } == .illegalParameter)
        }
        #expect(Support.alert { _ = try Support.decodeBody(.keyUpdate, []) } == .decodeError)
    }
}
