import Crypto
import Foundation
import NIOCore

/// What a server needs to resume a session (RFC 8446, Section 4.6.1; RFC 5246, Section
/// 7.4.1.2; RFC 5077, Section 4), sealed into a stateless ticket or kept in a store. The
/// version field says how the secret at the end is laid out:
///
/// ```
/// format(1) = 2 || version(2) || cipher_suite(2) || issued_ms(8) || lifetime_s(4)
///   || alpn<0..255> || has_alpn(1) || sni<0..2^16-1> || has_sni(1) || peer_chain<0..2^24-1>
///   || TLS 1.3: psk<1..255> || ticket_age_add(4) || max_early_data_size(4)
///   || TLS 1.2: extended_master_secret(1) || master_secret<48>
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

    static let format: UInt8 = 2

    var version: ProtocolVersion { secret.version }

    var expiresAt: Date { issuedAt.addingTimeInterval(TimeInterval(lifetime)) }

    /// What every version checks before resuming: the same server name, a lifetime of at most
    /// 7 days that has not run out by our own clock, an issue time no further ahead than
    /// `allowedClockSkew`, and a client certificate when one is required now.
    func isResumable(
        serverName: String?, now: Date, allowedClockSkew: TimeInterval, requiresClientCertificate: Bool
    ) -> Bool {
        self.serverName == serverName && lifetime <= 604_800 && now < expiresAt
            && issuedAt <= now.addingTimeInterval(allowedClockSkew)
            && !(requiresClientCertificate && peerCertificates.isEmpty)
    }

    func encoded() -> [UInt8] {
        var buffer = ByteBuffer()
        buffer.writeInteger(Self.format)
        buffer.writeInteger(version.rawValue)
        buffer.writeInteger(cipherSuite.rawValue)
        buffer.writeInteger(SessionTime.milliseconds(issuedAt))
        buffer.writeInteger(lifetime)
        buffer.writeTLSVector8 { $0.writeString(applicationProtocol ?? "") }
        buffer.writeInteger(UInt8(applicationProtocol == nil ? 0 : 1))
        buffer.writeTLSVector16 { $0.writeString(serverName ?? "") }
        buffer.writeInteger(UInt8(serverName == nil ? 0 : 1))
        buffer.writeTLSVector24 { chain in
            for certificate in peerCertificates { chain.writeTLSVector24 { $0.writeBytes(certificate) } }
        }
        switch secret {
        case .tls13(let resumptionPSK, let ticketAgeAdd, let maxEarlyDataSize):
            resumptionPSK.withUnsafeBytes { psk in buffer.writeTLSVector8 { $0.writeBytes(psk) } }
            buffer.writeInteger(ticketAgeAdd)
            buffer.writeInteger(maxEarlyDataSize)
        case .tls12(let masterSecret, let extendedMasterSecret, _):
            buffer.writeInteger(UInt8(extendedMasterSecret ? 1 : 0))
            masterSecret.withUnsafeBytes { secret in buffer.writeTLSVector8 { $0.writeBytes(secret) } }
        }
        return Array(buffer.readableBytesView)
    }

    /// Parses what `encoded()` wrote; nil for anything else, a version it cannot resume
    /// included (a ticket is never trusted to parse). A TLS 1.2 state comes back with an empty
    /// session ID: the server's cache keys it by its ID, a ticket carries none.
    static func decode(_ bytes: [UInt8]) -> ServerSessionState? {
        var buffer = ByteBuffer(bytes: bytes)
        do {
            guard try buffer.readTLSUInt8() == format else { return nil }
            let version = ProtocolVersion(rawValue: try buffer.readTLSUInt16())
            guard version == .tls13 || version == .tls12 else { return nil }
            let suite = CipherSuite(rawValue: try buffer.readTLSUInt16())
            let issued = UInt64(try buffer.readTLSUInt32()) << 32 | UInt64(try buffer.readTLSUInt32())
            let lifetime = try buffer.readTLSUInt32()
            let alpn = try buffer.readTLSVectorBytes("alpn", lengthBytes: 1, allowed: 0...255)
            let hasALPN = try buffer.readTLSUInt8() == 1
            let sni = try buffer.readTLSVectorBytes("sni", lengthBytes: 2, allowed: 0...0xFFFF)
            let hasSNI = try buffer.readTLSUInt8() == 1
            var chain = try buffer.readTLSVector24("peer_chain")
            var certificates: [[UInt8]] = []
            while chain.readableBytes > 0 {
                certificates.append(try chain.readTLSVectorBytes("certificate", lengthBytes: 3, allowed: 1...0xFF_FFFF))
            }
            let secret: SessionSecret
            if version == .tls13 {
                let psk = try buffer.readTLSVectorBytes("psk", lengthBytes: 1, allowed: 1...255)
                let ageAdd = try buffer.readTLSUInt32()
                let maxEarlyData = try buffer.readTLSUInt32()
                secret = .tls13(resumptionPSK: SymmetricKey(data: psk), ticketAgeAdd: ageAdd, maxEarlyDataSize: maxEarlyData)
            } else {
                let extendedMasterSecret = try buffer.readTLSUInt8() == 1
                let masterSecret = try buffer.readTLSVectorBytes(
                    "master_secret", lengthBytes: 1, allowed: TLS12PRF.masterSecretLength...TLS12PRF.masterSecretLength)
                secret = .tls12(
                    masterSecret: SymmetricKey(data: masterSecret), extendedMasterSecret: extendedMasterSecret, sessionID: [])
            }
            try buffer.expectFullyRead("session state")
            return ServerSessionState(
                cipherSuite: suite, issuedAt: SessionTime.date(milliseconds: issued), lifetime: lifetime,
                applicationProtocol: hasALPN ? String(decoding: alpn, as: UTF8.self) : nil,
                serverName: hasSNI ? String(decoding: sni, as: UTF8.self) : nil,
                peerCertificates: certificates, secret: secret)
        } catch {
            return nil
        }
    }
}
