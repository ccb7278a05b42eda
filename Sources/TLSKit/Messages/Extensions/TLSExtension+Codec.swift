import NIOCore

extension TLSExtension {
    /// Writes `extension_type`, the `uint16` length and the body (RFC 8446, Section 4.2).
    func encode(into buffer: inout ByteBuffer) {
        buffer.writeInteger(type.rawValue)
        buffer.writeTLSVector16 { encodeBody(into: &$0) }
    }

    /// Writes the `extensions<..2^16-1>` block.
    static func encodeBlock(_ extensions: [TLSExtension], into buffer: inout ByteBuffer) {
        buffer.writeTLSVector16 { block in
            for item in extensions {
                item.encode(into: &block)
            }
        }
    }

    /// Decodes one extension body seen in `context`.
    ///
    /// A modeled extension in a message where RFC 8446, Section 4.2 does not allow it throws
    /// `PeerMisbehaved.illegalParameter`; unmodeled types decode to `.unknown`.
    static func decode(type: ExtensionType, body: ByteBuffer, context: ExtensionContext) throws -> TLSExtension {
        guard isAllowed(type, in: context) else {
            throw PeerMisbehaved.illegalParameter(
                "the \(type) extension may not appear in \(context.handshakeType)")
        }
        return try decodeBody(type: type, body: body, context: context)
    }

    /// Reads an `extensions` block (RFC 8446, Section 4.2).
    ///
    /// Rejects duplicates (`DecodeError.duplicateExtension`), more than
    /// `TLSResourceLimits.maximumExtensionsPerMessage` extensions, a `pre_shared_key` that is not
    /// last in a ClientHello (`illegal_parameter`, Section 4.2.11), and modeled extensions the
    /// message may not carry. A ServerHello without `supported_versions` is a TLS 1.2 (or
    /// older) ServerHello: its extensions are decoded but not held to the TLS 1.3 table, so
    /// the state machine can answer with `protocol_version`.
    static func decodeBlock(_ buffer: inout ByteBuffer, context: ExtensionContext) throws -> [TLSExtension] {
        var block = try buffer.readTLSVector16("extensions", allowed: context.blockLengthRange)
        var bodies: [(type: ExtensionType, body: ByteBuffer)] = []
        var seen = Set<ExtensionType>()
        while block.readableBytes > 0 {
            let type = ExtensionType(rawValue: try block.readTLSUInt16())
            let body = try block.readTLSVector16("extension_data")
            guard seen.insert(type).inserted else { throw DecodeError.duplicateExtension(type) }
            guard bodies.count < TLSResourceLimits.maximumExtensionsPerMessage else {
                throw TLSError(
                    code: .limitExceeded,
                    reason: "the peer sent more than \(TLSResourceLimits.maximumExtensionsPerMessage) extensions in one \(context.handshakeType) message",
                    alert: .decodeError)
            }
            bodies.append((type, body))
        }
        if context == .clientHello, let index = bodies.firstIndex(where: { $0.type == .preSharedKey }),
            index != bodies.count - 1
        {
            throw PeerMisbehaved.illegalParameter("pre_shared_key is not the last extension in ClientHello")
        }
        let isLegacyServerHello = context == .serverHello && !seen.contains(.supportedVersions)
        return try bodies.map { item in
            isLegacyServerHello
                ? try decodeBody(type: item.type, body: item.body, context: context)
                : try decode(type: item.type, body: item.body, context: context)
        }
    }

    // MARK: - Bodies

    private func encodeBody(into buffer: inout ByteBuffer) {
        switch self {
        case .serverName(let list):
            guard !list.names.isEmpty else { return }
            buffer.writeTLSVector16 { names in
                for name in list.names {
                    names.writeInteger(ServerNameList.hostNameType)
                    names.writeTLSVector16 { $0.writeString(name) }
                }
            }
        case .supportedGroups(let groups):
            buffer.writeTLSVector16 { for group in groups { $0.writeInteger(group.rawValue) } }
        case .signatureAlgorithms(let schemes), .signatureAlgorithmsCert(let schemes):
            buffer.writeTLSVector16 { for scheme in schemes { $0.writeInteger(scheme.rawValue) } }
        case .certificateAuthorities(let names):
            buffer.writeTLSVector16 { list in
                for name in names { list.writeTLSVector16 { $0.writeBytes(name) } }
            }
        case .supportedVersionsClient(let versions):
            buffer.writeTLSVector8 { for version in versions { $0.writeInteger(version.rawValue) } }
        case .supportedVersionsServer(let version):
            buffer.writeInteger(version.rawValue)
        case .keyShareClient(let entries):
            buffer.writeTLSVector16 { for entry in entries { Self.encode(entry, into: &$0) } }
        case .keyShareServer(let entry):
            Self.encode(entry, into: &buffer)
        case .keyShareHelloRetryRequest(let group):
            buffer.writeInteger(group.rawValue)
        case .cookie(let cookie):
            buffer.writeTLSVector16 { $0.writeBytes(cookie) }
        case .applicationLayerProtocolNegotiation(let names):
            buffer.writeTLSVector16 { list in
                for name in names {
                    list.writeTLSVector8 { $0.writeString(name) }
                }
            }
        case .pskKeyExchangeModes(let modes):
            buffer.writeTLSVector8 { for mode in modes { $0.writeInteger(mode.rawValue) } }
        case .preSharedKeyClient(let offered):
            buffer.writeTLSVector16 { identities in
                for identity in offered.identities {
                    identities.writeTLSVector16 { $0.writeBytes(identity.identity) }
                    identities.writeInteger(identity.obfuscatedTicketAge)
                }
            }
            buffer.writeTLSVector16 { binders in
                for binder in offered.binders {
                    binders.writeTLSVector8 { $0.writeBytes(binder) }
                }
            }
        case .preSharedKeyServer(let selectedIdentity):
            buffer.writeInteger(selectedIdentity)
        case .earlyData(let maxEarlyDataSize):
            if let maxEarlyDataSize { buffer.writeInteger(maxEarlyDataSize) }
        case .statusRequest(let status):
            switch status {
            case .ocspRequest(let responderIDs, let requestExtensions):
                buffer.writeInteger(StatusRequest.ocspStatusType)
                buffer.writeTLSVector16 { list in
                    for id in responderIDs { list.writeTLSVector16 { $0.writeBytes(id) } }
                }
                buffer.writeTLSVector16 { $0.writeBytes(requestExtensions) }
            case .ocspResponse(let response):
                buffer.writeInteger(StatusRequest.ocspStatusType)
                buffer.writeTLSVector24 { $0.writeBytes(response) }
            case .empty:
                break
            case .other(let statusType, let data):
                buffer.writeInteger(statusType)
                buffer.writeBytes(data)
            }
        case .padding(let count):
            buffer.writeRepeatingByte(0, count: max(0, count))
        case .extendedMasterSecret:
            break
        case .renegotiationInfo(let renegotiatedConnection):
            buffer.writeTLSVector8 { $0.writeBytes(renegotiatedConnection) }
        case .ecPointFormats(let formats):
            buffer.writeTLSVector8 { $0.writeBytes(formats) }
        case .sessionTicket(let ticket):
            buffer.writeBytes(ticket)
        case .unknown(_, let data):
            buffer.writeBytes(data)
        }
    }

    private static func encode(_ entry: KeyShareEntry, into buffer: inout ByteBuffer) {
        buffer.writeInteger(entry.group.rawValue)
        buffer.writeTLSVector16 { $0.writeBytes(entry.keyExchange) }
    }

    /// Decodes a body by its type and context, without checking that the context allows it.
    static func decodeBody(type: ExtensionType, body: ByteBuffer, context: ExtensionContext) throws -> TLSExtension {
        var body = body
        let decoded: TLSExtension
        switch type {
        case .serverName:
            decoded = .serverName(try decodeServerName(&body, context: context))
            try body.expectFullyRead("server_name extension")
        case .supportedGroups:
            let groups = try body.readTLSUInt16List("named_group_list", allowed: 2...0xFFFF)
            decoded = .supportedGroups(groups.map(NamedGroup.init(rawValue:)))
            try body.expectFullyRead("supported_groups extension")
        case .signatureAlgorithms:
            let schemes = try body.readTLSUInt16List("supported_signature_algorithms", allowed: 2...0xFFFE)
            decoded = .signatureAlgorithms(schemes.map(SignatureScheme.init(rawValue:)))
            try body.expectFullyRead("signature_algorithms extension")
        case .signatureAlgorithmsCert:
            let schemes = try body.readTLSUInt16List("supported_signature_algorithms", allowed: 2...0xFFFE)
            decoded = .signatureAlgorithmsCert(schemes.map(SignatureScheme.init(rawValue:)))
            try body.expectFullyRead("signature_algorithms_cert extension")
        case .certificateAuthorities:
            decoded = .certificateAuthorities(try decodeDistinguishedNames(&body))
            try body.expectFullyRead("certificate_authorities extension")
        case .supportedVersions:
            if context == .clientHello {
                let versions = try body.readTLSUInt16List("versions", lengthBytes: 1, allowed: 2...254)
                decoded = .supportedVersionsClient(versions.map(ProtocolVersion.init(rawValue:)))
            } else {
                decoded = .supportedVersionsServer(ProtocolVersion(rawValue: try body.readTLSUInt16()))
            }
            try body.expectFullyRead("supported_versions extension")
        case .keyShare:
            decoded = try decodeKeyShare(&body, context: context)
            try body.expectFullyRead("key_share extension")
        case .cookie:
            decoded = .cookie(try body.readTLSVectorBytes("cookie", lengthBytes: 2, allowed: 1...0xFFFF))
            try body.expectFullyRead("cookie extension")
        case .applicationLayerProtocolNegotiation:
            decoded = .applicationLayerProtocolNegotiation(try decodeALPN(&body, context: context))
            try body.expectFullyRead("application_layer_protocol_negotiation extension")
        case .pskKeyExchangeModes:
            let modes = try body.readTLSVectorBytes("ke_modes", lengthBytes: 1, allowed: 1...255)
            decoded = .pskKeyExchangeModes(modes.map(PSKKeyExchangeMode.init(rawValue:)))
            try body.expectFullyRead("psk_key_exchange_modes extension")
        case .preSharedKey:
            if context == .clientHello {
                decoded = .preSharedKeyClient(try decodeOfferedPSKs(&body))
            } else {
                decoded = .preSharedKeyServer(selectedIdentity: try body.readTLSUInt16())
            }
            try body.expectFullyRead("pre_shared_key extension")
        case .earlyData:
            decoded = .earlyData(maxEarlyDataSize: context == .newSessionTicket ? try body.readTLSUInt32() : nil)
            try body.expectFullyRead("early_data extension")
        case .statusRequest:
            decoded = .statusRequest(try decodeStatusRequest(&body, context: context))
            try body.expectFullyRead("status_request extension")
        case .padding:
            guard body.readableBytesView.allSatisfy({ $0 == 0 }) else {
                throw DecodeError.invalidValue("padding extension with non-zero bytes")
            }
            decoded = .padding(body.readableBytes)
        case .extendedMasterSecret:
            try body.expectFullyRead("extended_master_secret extension")
            decoded = .extendedMasterSecret
        case .renegotiationInfo:
            decoded = .renegotiationInfo(
                try body.readTLSVectorBytes("renegotiated_connection", lengthBytes: 1, allowed: 0...255))
            try body.expectFullyRead("renegotiation_info extension")
        case .ecPointFormats:
            decoded = .ecPointFormats(try body.readTLSVectorBytes("ec_point_format_list", lengthBytes: 1, allowed: 1...255))
            try body.expectFullyRead("ec_point_formats extension")
        case .sessionTicket:
            decoded = .sessionTicket(Array(body.readableBytesView))
        default:
            decoded = .unknown(type: type, data: Array(body.readableBytesView))
        }
        return decoded
    }

    private static func decodeServerName(_ body: inout ByteBuffer, context: ExtensionContext) throws -> ServerNameList {
        // Outside ClientHello the server acknowledges with an empty body (RFC 6066, Section 3).
        guard context == .clientHello else { return ServerNameList(names: []) }
        var list = try body.readTLSVector16("server_name_list", allowed: 1...0xFFFF)
        var names: [String] = []
        while list.readableBytes > 0 {
            let nameType = try list.readTLSUInt8()
            guard nameType == ServerNameList.hostNameType else {
                throw DecodeError.invalidValue("server_name of unknown name_type \(nameType)")
            }
            let bytes = try list.readTLSVectorBytes("host_name", lengthBytes: 2, allowed: 1...0xFFFF)
            try TLSResourceLimits.checkListEntries(names.count + 1, in: "server_name_list")
            guard let name = String(validating: bytes, as: UTF8.self) else {
                throw DecodeError.invalidValue("server_name host_name is not valid UTF-8")
            }
            names.append(name)
        }
        return ServerNameList(names: names)
    }

    /// RFC 8446, Section 4.2.4: `authorities<3..2^16-1>` of `DistinguishedName<1..2^16-1>`.
    private static func decodeDistinguishedNames(_ body: inout ByteBuffer) throws -> [[UInt8]] {
        var list = try body.readTLSVector16("authorities", allowed: 3...0xFFFF)
        var names: [[UInt8]] = []
        while list.readableBytes > 0 {
            names.append(try list.readTLSVectorBytes("DistinguishedName", lengthBytes: 2, allowed: 1...0xFFFF))
            try TLSResourceLimits.checkListEntries(names.count, in: "authorities")
        }
        return names
    }

    private static func decodeKeyShareEntry(_ buffer: inout ByteBuffer) throws -> KeyShareEntry {
        let group = NamedGroup(rawValue: try buffer.readTLSUInt16())
        let keyExchange = try buffer.readTLSVectorBytes("key_exchange", lengthBytes: 2, allowed: 1...0xFFFF)
        return KeyShareEntry(group: group, keyExchange: keyExchange)
    }

    private static func decodeKeyShare(_ body: inout ByteBuffer, context: ExtensionContext) throws -> TLSExtension {
        switch context {
        case .clientHello:
            var shares = try body.readTLSVector16("client_shares", allowed: 0...0xFFFF)
            var entries: [KeyShareEntry] = []
            var groups = Set<NamedGroup>()
            while shares.readableBytes > 0 {
                let entry = try decodeKeyShareEntry(&shares)
                try TLSResourceLimits.checkListEntries(groups.count + 1, in: "client_shares")
                // RFC 8446, Section 4.2.8: one share per group.
                guard groups.insert(entry.group).inserted else {
                    throw PeerMisbehaved.illegalParameter("two key shares for \(entry.group)")
                }
                entries.append(entry)
            }
            return .keyShareClient(entries)
        case .helloRetryRequest:
            return .keyShareHelloRetryRequest(NamedGroup(rawValue: try body.readTLSUInt16()))
        default:
            return .keyShareServer(try decodeKeyShareEntry(&body))
        }
    }

    private static func decodeALPN(_ body: inout ByteBuffer, context: ExtensionContext) throws -> [String] {
        var list = try body.readTLSVector16("protocol_name_list", allowed: 2...0xFFFF)
        var names: [String] = []
        while list.readableBytes > 0 {
            let name = try list.readTLSVector8("protocol_name", allowed: 1...0xFF)
            names.append(String(decoding: name.readableBytesView, as: UTF8.self))
            try TLSResourceLimits.checkListEntries(names.count, in: "protocol_name_list")
        }
        // RFC 7301, Section 3.1: the server's list holds exactly one name.
        if context != .clientHello, names.count != 1 {
            throw DecodeError.invalidValue("the server's ALPN list holds \(names.count) names instead of one")
        }
        return names
    }

    private static func decodeOfferedPSKs(_ body: inout ByteBuffer) throws -> OfferedPSKs {
        var identityList = try body.readTLSVector16("identities", allowed: 7...0xFFFF)
        var identities: [PSKIdentity] = []
        while identityList.readableBytes > 0 {
            let identity = try identityList.readTLSVectorBytes("identity", lengthBytes: 2, allowed: 1...0xFFFF)
            let age = try identityList.readTLSUInt32()
            identities.append(PSKIdentity(identity: identity, obfuscatedTicketAge: age))
            try TLSResourceLimits.checkListEntries(identities.count, in: "identities")
        }
        var binderList = try body.readTLSVector16("binders", allowed: 33...0xFFFF)
        var binders: [[UInt8]] = []
        while binderList.readableBytes > 0 {
            binders.append(try binderList.readTLSVectorBytes("PskBinderEntry", lengthBytes: 1, allowed: 32...255))
            try TLSResourceLimits.checkListEntries(binders.count, in: "binders")
        }
        // RFC 8446, Section 4.2.11: one binder per identity.
        guard binders.count == identities.count else {
            throw PeerMisbehaved.illegalParameter(
                "pre_shared_key has \(identities.count) identities but \(binders.count) binders")
        }
        return OfferedPSKs(identities: identities, binders: binders)
    }

    private static func decodeStatusRequest(_ body: inout ByteBuffer, context: ExtensionContext) throws -> StatusRequest {
        switch context {
        case .clientHello:
            let statusType = try body.readTLSUInt8()
            guard statusType == StatusRequest.ocspStatusType else {
                let rest = Array(body.readableBytesView)
                body.moveReaderIndex(forwardBy: body.readableBytes)
                return .other(statusType: statusType, data: rest)
            }
            var idList = try body.readTLSVector16("responder_id_list", allowed: 0...0xFFFF)
            var ids: [[UInt8]] = []
            while idList.readableBytes > 0 {
                ids.append(try idList.readTLSVectorBytes("ResponderID", lengthBytes: 2, allowed: 1...0xFFFF))
                try TLSResourceLimits.checkListEntries(ids.count, in: "responder_id_list")
            }
            let requestExtensions = try body.readTLSVectorBytes("request_extensions", lengthBytes: 2, allowed: 0...0xFFFF)
            return .ocspRequest(responderIDs: ids, requestExtensions: requestExtensions)
        case .certificate:
            let statusType = try body.readTLSUInt8()
            guard statusType == StatusRequest.ocspStatusType else {
                throw DecodeError.invalidValue("CertificateStatus of unknown status_type \(statusType)")
            }
            return .ocspResponse(try body.readTLSVectorBytes("OCSPResponse", lengthBytes: 3, allowed: 1...0xFF_FFFF))
        default:
            return .empty
        }
    }
}
