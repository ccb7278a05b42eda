import NIOCore

/// The TLS 1.2 ServerKeyExchange of an ECDHE suite (RFC 8422, Section 5.4):
///
/// ```
/// struct { ECCurveType curve_type; NamedCurve namedcurve; } ECParameters;  /* named_curve only */
/// struct { ECParameters curve_params; ECPoint public; } ServerECDHParams;
/// opaque point<1..2^8-1>;                                                  /* ECPoint */
/// struct { ServerECDHParams params; digitally-signed struct { ... } signed_params; }
/// ```
///
/// `digitally-signed` is `SignatureAndHashAlgorithm algorithm; opaque signature<0..2^16-1>`
/// in TLS 1.2 (RFC 5246, Section 4.7), over `signedContent(clientRandom:serverRandom:)`.
public struct ServerKeyExchangeECDHE: Hashable, Sendable {
    /// `ECCurveType.named_curve`, the only curve type RFC 8422 still allows (Section 5.4).
    public static let namedCurveType: UInt8 = 3

    /// `namedcurve`: the group the server's share is on.
    public var namedCurve: NamedGroup
    /// `public`: the server's ephemeral public value (an uncompressed point, or an X25519 key).
    public var publicKey: [UInt8]
    /// `signed_params.algorithm`.
    public var algorithm: SignatureScheme
    /// `signed_params.signature<0..2^16-1>`.
    public var signature: [UInt8]

    public init(namedCurve: NamedGroup, publicKey: [UInt8], algorithm: SignatureScheme, signature: [UInt8]) {
        self.namedCurve = namedCurve
        self.publicKey = publicKey
        self.algorithm = algorithm
        self.signature = signature
    }

    /// The encoded ServerECDHParams: curve_type, namedcurve, public.
    public var serverECDHParams: [UInt8] {
        var buffer = ByteBuffer()
        Self.encodeParams(namedCurve: namedCurve, publicKey: publicKey, into: &buffer)
        return Array(buffer.readableBytesView)
    }

    /// What `signed_params` signs: ClientHello.random || ServerHello.random || ServerECDHParams
    /// (RFC 8422, Section 5.4). The encoding of the params is canonical, so a decoded message
    /// gives back exactly the bytes the server signed.
    static func signedContent(
        clientRandom: [UInt8], serverRandom: [UInt8], namedCurve: NamedGroup, publicKey: [UInt8]
    ) -> [UInt8] {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(clientRandom.count + serverRandom.count + 4 + publicKey.count)
        buffer.writeBytes(clientRandom)
        buffer.writeBytes(serverRandom)
        encodeParams(namedCurve: namedCurve, publicKey: publicKey, into: &buffer)
        return Array(buffer.readableBytesView)
    }

    /// `signedContent` for this message's params.
    func signedContent(clientRandom: [UInt8], serverRandom: [UInt8]) -> [UInt8] {
        Self.signedContent(clientRandom: clientRandom, serverRandom: serverRandom, namedCurve: namedCurve, publicKey: publicKey)
    }

    private static func encodeParams(namedCurve: NamedGroup, publicKey: [UInt8], into buffer: inout ByteBuffer) {
        buffer.writeInteger(namedCurveType)
        buffer.writeInteger(namedCurve.rawValue)
        buffer.writeTLSVector8 { $0.writeBytes(publicKey) }
    }

    func encodeBody(into buffer: inout ByteBuffer) {
        Self.encodeParams(namedCurve: namedCurve, publicKey: publicKey, into: &buffer)
        buffer.writeInteger(algorithm.rawValue)
        buffer.writeTLSVector16 { $0.writeBytes(signature) }
    }

    /// Decodes the whole body. A curve_type other than named_curve (the deprecated explicit
    /// curves) is an `illegal_parameter`; an empty point, a short body or trailing bytes are
    /// a `decode_error`. Whether the group was offered is for the state machine to check.
    static func decodeBody(_ buffer: inout ByteBuffer) throws -> ServerKeyExchangeECDHE {
        let curveType = try buffer.readTLSUInt8()
        guard curveType == namedCurveType else {
            throw PeerMisbehaved.illegalParameter("ServerKeyExchange curve_type \(curveType) instead of named_curve (3)")
        }
        let namedCurve = NamedGroup(rawValue: try buffer.readTLSUInt16())
        let publicKey = try buffer.readTLSVectorBytes("ECPoint", lengthBytes: 1, allowed: 1...0xFF)
        let algorithm = SignatureScheme(rawValue: try buffer.readTLSUInt16())
        let signature = try buffer.readTLSVectorBytes("signature", lengthBytes: 2, allowed: 0...0xFFFF)
        try buffer.expectFullyRead("ServerKeyExchange")
        return ServerKeyExchangeECDHE(namedCurve: namedCurve, publicKey: publicKey, algorithm: algorithm, signature: signature)
    }
}
