import Crypto
import Foundation
import NIOCore

/// What a server needs to resume a session (RFC 8446, Section 4.6.1), sealed into a
/// stateless ticket or kept in a `ServerSessionStore`. The version field says how the secret
/// that follows is laid out; for TLS 1.3:
///
/// ```
/// format(1) = 1 || version(2) || cipher_suite(2) || psk<1..255> || ticket_age_add(4)
///   || issued_ms(8) || lifetime_s(4) || max_early_data_size(4)
///   || alpn<0..255> || has_alpn(1) || sni<0..2^16-1> || has_sni(1) || peer_chain<0..2^24-1>
/// ```
struct ServerSessionState {
    var cipherSuite: CipherSuite
    var issuedAt: Date
    /// Seconds (at most 604800).
    var lifetime: UInt32
    var applicationProtocol: String?
    var serverName: String?
    /// The client's certificates from the original handshake, DER, leaf first.
    var peerCertificates: [[UInt8]]
    /// What the session resumes with, for its version.
    var secret: SessionSecret

    static let format: UInt8 = 1

    var version: ProtocolVersion { secret.version }

    var expiresAt: Date { issuedAt.addingTimeInterval(TimeInterval(lifetime)) }

    func encoded() -> [UInt8] {
        var buffer = ByteBuffer()
        buffer.writeInteger(Self.format)
        buffer.writeInteger(version.rawValue)
        buffer.writeInteger(cipherSuite.rawValue)
        switch secret {
        case .tls13(let resumptionPSK, let ticketAgeAdd, let maxEarlyDataSize):
            resumptionPSK.withUnsafeBytes { psk in buffer.writeTLSVector8 { $0.writeBytes(psk) } }
            buffer.writeInteger(ticketAgeAdd)
            buffer.writeInteger(SessionTime.milliseconds(issuedAt))
            buffer.writeInteger(lifetime)
            buffer.writeInteger(maxEarlyDataSize)
        }
        buffer.writeTLSVector8 { $0.writeString(applicationProtocol ?? "") }
        buffer.writeInteger(UInt8(applicationProtocol == nil ? 0 : 1))
        buffer.writeTLSVector16 { $0.writeString(serverName ?? "") }
        buffer.writeInteger(UInt8(serverName == nil ? 0 : 1))
        buffer.writeTLSVector24 { chain in
            for certificate in peerCertificates { chain.writeTLSVector24 { $0.writeBytes(certificate) } }
        }
        return Array(buffer.readableBytesView)
    }

    /// Parses what `encoded()` wrote; nil for anything else, a version it cannot resume
    /// included (a ticket is never trusted to parse).
    static func decode(_ bytes: [UInt8]) -> ServerSessionState? {
        var buffer = ByteBuffer(bytes: bytes)
        do {
            guard try buffer.readTLSUInt8() == format,
                ProtocolVersion(rawValue: try buffer.readTLSUInt16()) == .tls13
            else { return nil }
            let suite = CipherSuite(rawValue: try buffer.readTLSUInt16())
            let psk = try buffer.readTLSVectorBytes("psk", lengthBytes: 1, allowed: 1...255)
            let ageAdd = try buffer.readTLSUInt32()
            let issued = UInt64(try buffer.readTLSUInt32()) << 32 | UInt64(try buffer.readTLSUInt32())
            let lifetime = try buffer.readTLSUInt32()
            let maxEarlyData = try buffer.readTLSUInt32()
            let alpn = try buffer.readTLSVectorBytes("alpn", lengthBytes: 1, allowed: 0...255)
            let hasALPN = try buffer.readTLSUInt8() == 1
            let sni = try buffer.readTLSVectorBytes("sni", lengthBytes: 2, allowed: 0...0xFFFF)
            let hasSNI = try buffer.readTLSUInt8() == 1
            var chain = try buffer.readTLSVector24("peer_chain")
            var certificates: [[UInt8]] = []
            while chain.readableBytes > 0 {
                certificates.append(try chain.readTLSVectorBytes("certificate", lengthBytes: 3, allowed: 1...0xFF_FFFF))
            }
            try buffer.expectFullyRead("session state")
            return ServerSessionState(
                cipherSuite: suite, issuedAt: SessionTime.date(milliseconds: issued), lifetime: lifetime,
                applicationProtocol: hasALPN ? String(decoding: alpn, as: UTF8.self) : nil,
                serverName: hasSNI ? String(decoding: sni, as: UTF8.self) : nil,
                peerCertificates: certificates,
                secret: .tls13(resumptionPSK: SymmetricKey(data: psk), ticketAgeAdd: ageAdd, maxEarlyDataSize: maxEarlyData))
        } catch {
            return nil
        }
    }
}
