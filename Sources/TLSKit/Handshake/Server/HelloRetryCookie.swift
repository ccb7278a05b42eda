import Crypto
import NIOCore

/// The stateless cookie of a HelloRetryRequest (RFC 8446, Section 4.2.2): it carries what
/// the server needs to continue with the second ClientHello, so nothing of the first has to
/// be kept between the two.
///
/// ```
/// format(1) = 1 || cipher_suite(2) || group(2) || hash_length(1) || Transcript-Hash(ClientHello1)
///   || SHA-256(ClientHello1 without key_share, cookie, early_data, padding, pre_shared_key)
///   || HMAC-SHA256(cookie key, everything before)
/// ```
struct HelloRetryCookie: Hashable {
    var cipherSuite: CipherSuite
    var group: NamedGroup
    /// Transcript-Hash(ClientHello1) under the suite's hash, for the message_hash rule (Section 4.4.1).
    var clientHelloHash: [UInt8]
    /// `consistencyDigest(of:)` of ClientHello1: the second ClientHello must give the same.
    var consistencyDigest: [UInt8]

    static let format: UInt8 = 1
    private static let macLength = 32
    private static let digestLength = 32

    /// The cookie bytes, authenticated with `key`.
    func sealed(key: SymmetricKey) -> [UInt8] {
        var bytes: [UInt8] = [Self.format]
        bytes.append(contentsOf: [UInt8(truncatingIfNeeded: cipherSuite.rawValue >> 8), UInt8(truncatingIfNeeded: cipherSuite.rawValue)])
        bytes.append(contentsOf: [UInt8(truncatingIfNeeded: group.rawValue >> 8), UInt8(truncatingIfNeeded: group.rawValue)])
        bytes.append(UInt8(truncatingIfNeeded: clientHelloHash.count))
        bytes.append(contentsOf: clientHelloHash)
        bytes.append(contentsOf: consistencyDigest)
        bytes.append(contentsOf: HMAC<SHA256>.authenticationCode(for: bytes, using: key))
        return bytes
    }

    /// Checks the MAC (in constant time) and parses; anything wrong is an illegal_parameter:
    /// the cookie was not made by this server's configuration, or was altered.
    static func open(_ bytes: [UInt8], key: SymmetricKey) throws -> HelloRetryCookie {
        let invalid = PeerMisbehaved.illegalParameter("the cookie was not issued by this server or was altered")
        guard bytes.count > 6 + macLength else { throw invalid }
        let body = Array(bytes[..<(bytes.count - macLength)])
        let mac = Array(bytes[(bytes.count - macLength)...])
        let expected = Array(HMAC<SHA256>.authenticationCode(for: body, using: key))
        guard constantTimeEquals(expected, mac) else { throw invalid }
        let hashLength = Int(body[5])
        guard body[0] == format, body.count == 6 + hashLength + digestLength else { throw invalid }
        return HelloRetryCookie(
            cipherSuite: CipherSuite(rawValue: UInt16(body[1]) << 8 | UInt16(body[2])),
            group: NamedGroup(rawValue: UInt16(body[3]) << 8 | UInt16(body[4])),
            clientHelloHash: Array(body[6..<(6 + hashLength)]),
            consistencyDigest: Array(body[(6 + hashLength)...]))
    }

    /// SHA-256 of the ClientHello without the extensions a second ClientHello may change
    /// (RFC 8446, Section 4.1.2: key_share, cookie, early_data, padding, pre_shared_key), the
    /// rest sorted by type so that the order does not matter.
    static func consistencyDigest(of hello: ClientHello) -> [UInt8] {
        let variable: Set<ExtensionType> = [.keyShare, .cookie, .earlyData, .padding, .preSharedKey]
        var stable = hello
        stable.extensions = hello.extensions
            .filter { !variable.contains($0.type) }
            .sorted { $0.type.rawValue < $1.type.rawValue }
        var encoded = ByteBuffer()
        HandshakeMessage.clientHello(stable).encode(into: &encoded)
        return encoded.withUnsafeReadableBytes { Array(SHA256.hash(data: $0)) }
    }
}
