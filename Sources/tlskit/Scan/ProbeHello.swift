import Crypto
import TLSKit

/// A hand-built ClientHello for one probe, encoded with TLSKit's message codec.
///
/// Below TLS 1.3 the version is offered the old way, in `legacy_version` (RFC 5246,
/// Section 7.4.1.2); TLS 1.3 is offered in `supported_versions` (RFC 8446, Section 4.2.1)
/// with an X25519 key share (Section 4.2.8), so the server answers with a plaintext
/// ServerHello or HelloRetryRequest that tells its choice; the handshake is never finished.
struct ProbeHello {
    /// The highest version offered.
    var version: ProtocolVersion
    var cipherSuites: [CipherSuite]
    var serverName: String?
    var groups: [NamedGroup] = Self.defaultGroups
    /// Groups to send a key share for (TLS 1.3); only X25519 gets a real share, which is all
    /// a server needs to answer with a ServerHello. Others get a HelloRetryRequest.
    var keyShareGroups: [NamedGroup] = [.x25519]
    var signatureSchemes: [SignatureScheme] = Self.defaultSignatureSchemes
    var applicationProtocols: [String] = ["h2", "http/1.1"]
    /// TLS_FALLBACK_SCSV at the end of the suites (RFC 7507, Section 4).
    var fallbackSCSV = false

    /// Groups a scan offers: the usual ECDHE curves and X25519MLKEM768; finite-field groups
    /// (RFC 7919) too.
    static let defaultGroups: [NamedGroup] = [
        .x25519, .secp256r1, .secp384r1, .secp521r1, .x448, .x25519MLKEM768,
        NamedGroup(rawValue: 0x0100), NamedGroup(rawValue: 0x0101), NamedGroup(rawValue: 0x0102),
    ]

    /// Signature schemes a scan offers, including the SHA-1 ones of old servers
    /// (RFC 8446, Section 4.2.3; RFC 5246, Section 7.4.1.4.1).
    static let defaultSignatureSchemes: [SignatureScheme] = [
        .ecdsaSecp256r1SHA256, .ecdsaSecp384r1SHA384, .ecdsaSecp521r1SHA512, .ed25519, .ed448,
        .rsaPSSRSAESHA256, .rsaPSSRSAESHA384, .rsaPSSRSAESHA512,
        .rsaPSSPSSSHA256, .rsaPSSPSSSHA384, .rsaPSSPSSSHA512,
        .rsaPKCS1SHA256, .rsaPKCS1SHA384, .rsaPKCS1SHA512,
        SignatureScheme(rawValue: 0x0201), SignatureScheme(rawValue: 0x0203),
    ]

    /// The ClientHello message.
    func clientHello() -> ClientHello {
        let isTLS13 = self.version == .tls13
        var suites = self.cipherSuites
        if self.fallbackSCSV { suites.append(.tlsFallbackSCSV) }
        var extensions: [TLSExtension] = []
        if self.version != .ssl30 {
            if let name = self.serverName { extensions.append(.serverName(ServerNameList(names: [name]))) }
            extensions.append(.supportedGroups(self.groups))
            extensions.append(.ecPointFormats([0]))
            if self.version.rawValue >= ProtocolVersion.tls12.rawValue {
                extensions.append(.signatureAlgorithms(self.signatureSchemes))
            }
            if !self.applicationProtocols.isEmpty {
                extensions.append(.applicationLayerProtocolNegotiation(self.applicationProtocols))
            }
            extensions.append(.statusRequest(.ocspRequest(responderIDs: [], requestExtensions: [])))
            extensions.append(.extendedMasterSecret)
            extensions.append(.renegotiationInfo([]))
            extensions.append(.sessionTicket([]))
            if isTLS13 {
                extensions.append(.supportedVersionsClient([.tls13]))
                extensions.append(.keyShareClient(self.keyShareGroups.compactMap(Self.keyShare)))
                extensions.append(.pskKeyExchangeModes([.pskDHEKE]))
            }
        } else {
            suites.append(.tlsEmptyRenegotiationInfoSCSV)
        }
        var hello = ClientHello(
            legacyVersion: isTLS13 ? .tls12 : self.version,
            random: Array(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }),
            legacySessionID: isTLS13 ? Array(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }) : [],
            cipherSuites: suites,
            extensions: extensions)
        // Some servers hang on a ClientHello of 256 to 511 bytes; pad it to 512 as browsers do
        // (RFC 7685, Section 3).
        let length = HandshakeMessage.clientHello(hello).encodedBytes.count
        if !hello.extensions.isEmpty, Self.paddingWindow.contains(length) {
            hello.extensions.append(.padding(max(1, Self.paddingWindow.upperBound + 1 - length - 4)))
        }
        return hello
    }

    /// Encoded ClientHello sizes (handshake header included) that get padded to 512 bytes.
    static let paddingWindow = 256...511

    /// The ClientHello in one handshake record, record version TLS 1.0 (SSL 3.0 for an SSL 3.0
    /// probe), as RFC 8446, Section 5.1 advises for compatibility.
    func record() -> [UInt8] {
        let message = HandshakeMessage.clientHello(self.clientHello()).encodedBytes
        let recordVersion: UInt16 = self.version == .ssl30 ? 0x0300 : 0x0301
        return [22, UInt8(recordVersion >> 8), UInt8(recordVersion & 0xFF), UInt8(message.count >> 8), UInt8(message.count & 0xFF)]
            + message
    }

    /// A fresh public key for `group`, for the groups a probe can make one for.
    private static func keyShare(_ group: NamedGroup) -> KeyShareEntry? {
        switch group {
        case .x25519:
            KeyShareEntry(group: group, keyExchange: Array(Curve25519.KeyAgreement.PrivateKey().publicKey.rawRepresentation))
        case .secp256r1:
            KeyShareEntry(group: group, keyExchange: Array(P256.KeyAgreement.PrivateKey().publicKey.x963Representation))
        case .secp384r1:
            KeyShareEntry(group: group, keyExchange: Array(P384.KeyAgreement.PrivateKey().publicKey.x963Representation))
        default:
            nil
        }
    }
}
