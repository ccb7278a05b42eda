import Crypto
import Foundation
import NIOCore

/// A session the client can resume, with what it needs to: for TLS 1.3 a ticket (RFC 8446,
/// Section 4.6.1) and its resumption PSK; for TLS 1.2 a session ID and/or a ticket (RFC 5246,
/// Section 7.4.1.2; RFC 5077) and the master secret. Both keep the cipher suite, the ALPN
/// protocol and the server's certificates from the original handshake.
///
/// Sessions are secret (whoever holds one can resume as this client): `serialized()` is meant
/// for a file only this user can read (`tlskit client --sess-out`), and
/// `init(serialized:)` reads it back.
public struct ClientSession: Sendable {
    public var cipherSuite: CipherSuite
    /// The server name (SNI) of the original connection; only a connection to the same name
    /// resumes the session.
    public var serverName: String?
    /// The ALPN protocol of the original connection; 0-RTT data needs the same one again.
    public var applicationProtocol: String?
    /// The opaque ticket to present (TLS 1.3: in pre_shared_key; TLS 1.2: in session_ticket,
    /// RFC 5077). Empty for a TLS 1.2 session the server gave only a session ID.
    public var ticket: [UInt8]
    /// When the ticket arrived (by the client configuration's clock).
    public var receivedAt: Date
    /// Seconds the server allows the ticket to be used (at most 604800). For a TLS 1.2 session
    /// ID, the client's own limit (the server states none).
    public var lifetime: UInt32
    /// The server's certificates, DER, leaf first, as verified in the original handshake.
    public var peerCertificates: [[UInt8]]
    /// What the session resumes with, for its version.
    var secret: SessionSecret

    /// The version of the original handshake.
    public var version: ProtocolVersion { secret.version }

    /// Whether `other` is this session (the same ticket, session ID and arrival), as a cache
    /// holds it.
    func isSameSession(as other: ClientSession) -> Bool {
        guard ticket == other.ticket, receivedAt == other.receivedAt else { return false }
        switch (secret, other.secret) {
        case (.tls12(_, _, let id), .tls12(_, _, let otherID)): return id == otherID
        case (.tls13, .tls13): return true
        default: return false
        }
    }

    /// The 0-RTT limit from the ticket's early_data extension; 0: no early data.
    public var maxEarlyDataSize: UInt32 { secret.maxEarlyDataSize }

    /// The end of the ticket's lifetime.
    public var expiresAt: Date { receivedAt.addingTimeInterval(TimeInterval(lifetime)) }

    /// Whether the server allows 0-RTT data on this ticket.
    public var allowsEarlyData: Bool { maxEarlyDataSize > 0 }

    static let magic: [UInt8] = Array("TLSKit-session".utf8)
    static let format: UInt8 = 2

    /// A self-contained binary form (secret; see the type's documentation).
    public func serialized() -> [UInt8] {
        var buffer = ByteBuffer()
        buffer.writeBytes(Self.magic)
        buffer.writeInteger(Self.format)
        buffer.writeInteger(version.rawValue)
        buffer.writeInteger(cipherSuite.rawValue)
        buffer.writeTLSVector16 { $0.writeString(serverName ?? "") }
        buffer.writeInteger(UInt8(serverName == nil ? 0 : 1))
        buffer.writeTLSVector8 { $0.writeString(applicationProtocol ?? "") }
        buffer.writeInteger(UInt8(applicationProtocol == nil ? 0 : 1))
        buffer.writeTLSVector16 { $0.writeBytes(ticket) }
        buffer.writeInteger(SessionTime.milliseconds(receivedAt))
        buffer.writeInteger(lifetime)
        buffer.writeTLSVector24 { chain in
            for certificate in peerCertificates { chain.writeTLSVector24 { $0.writeBytes(certificate) } }
        }
        switch secret {
        case .tls13(let resumptionPSK, let ticketAgeAdd, let maxEarlyDataSize):
            buffer.writeInteger(ticketAgeAdd)
            buffer.writeInteger(maxEarlyDataSize)
            resumptionPSK.withUnsafeBytes { psk in buffer.writeTLSVector8 { $0.writeBytes(psk) } }
        case .tls12(let masterSecret, let extendedMasterSecret, let sessionID):
            buffer.writeInteger(UInt8(extendedMasterSecret ? 1 : 0))
            buffer.writeTLSVector8 { $0.writeBytes(sessionID) }
            masterSecret.withUnsafeBytes { secret in buffer.writeTLSVector8 { $0.writeBytes(secret) } }
        }
        return Array(buffer.readableBytesView)
    }

    /// Reads what `serialized()` wrote; throws `TLSError` (`.configuration`) for anything else.
    public init(serialized bytes: [UInt8]) throws {
        var buffer = ByteBuffer(bytes: bytes)
        do {
            guard try buffer.readTLSBytes(count: Self.magic.count, "magic") == Self.magic,
                try buffer.readTLSUInt8() == Self.format
            else {
                throw TLSError(
                    code: .configuration,
                    reason: "not a TLSKit session file of this library's format (\(Self.format)); save the session again with --sess-out")
            }
            let version = ProtocolVersion(rawValue: try buffer.readTLSUInt16())
            guard version == .tls13 || version == .tls12 else {
                throw TLSError(code: .configuration, reason: "a session of \(version), which this library cannot resume")
            }
            cipherSuite = CipherSuite(rawValue: try buffer.readTLSUInt16())
            let name = try buffer.readTLSVectorBytes("server_name", lengthBytes: 2, allowed: 0...0xFFFF)
            serverName = try buffer.readTLSUInt8() == 1 ? String(decoding: name, as: UTF8.self) : nil
            let alpn = try buffer.readTLSVectorBytes("alpn", lengthBytes: 1, allowed: 0...255)
            applicationProtocol = try buffer.readTLSUInt8() == 1 ? String(decoding: alpn, as: UTF8.self) : nil
            // A TLS 1.2 session may have only a session ID, no ticket (RFC 5077, Section 3.4).
            ticket = try buffer.readTLSVectorBytes("ticket", lengthBytes: 2, allowed: (version == .tls13 ? 1 : 0)...0xFFFF)
            let received = UInt64(try buffer.readTLSUInt32()) << 32 | UInt64(try buffer.readTLSUInt32())
            receivedAt = SessionTime.date(milliseconds: received)
            lifetime = try buffer.readTLSUInt32()
            var chain = try buffer.readTLSVector24("peer_chain")
            var certificates: [[UInt8]] = []
            while chain.readableBytes > 0 {
                certificates.append(try chain.readTLSVectorBytes("certificate", lengthBytes: 3, allowed: 1...0xFF_FFFF))
            }
            peerCertificates = certificates
            if version == .tls13 {
                let ticketAgeAdd = try buffer.readTLSUInt32()
                let maxEarlyDataSize = try buffer.readTLSUInt32()
                let psk = SymmetricKey(data: try buffer.readTLSVectorBytes("psk", lengthBytes: 1, allowed: 32...64))
                secret = .tls13(resumptionPSK: psk, ticketAgeAdd: ticketAgeAdd, maxEarlyDataSize: maxEarlyDataSize)
            } else {
                let extendedMasterSecret = try buffer.readTLSUInt8() == 1
                let sessionID = try buffer.readTLSVectorBytes("session_id", lengthBytes: 1, allowed: 0...32)
                let masterSecret = try buffer.readTLSVectorBytes(
                    "master_secret", lengthBytes: 1, allowed: TLS12PRF.masterSecretLength...TLS12PRF.masterSecretLength)
                secret = .tls12(
                    masterSecret: SymmetricKey(data: masterSecret), extendedMasterSecret: extendedMasterSecret, sessionID: sessionID)
            }
            try buffer.expectFullyRead("session")
        } catch let error as TLSError where error.code == .configuration {
            throw error
        } catch {
            throw TLSError(code: .configuration, reason: "the session data is truncated or corrupt: \(TLSError.from(error).reason)")
        }
    }

    init(
        cipherSuite: CipherSuite, serverName: String?, applicationProtocol: String?, ticket: [UInt8],
        receivedAt: Date, lifetime: UInt32, peerCertificates: [[UInt8]], secret: SessionSecret
    ) {
        self.cipherSuite = cipherSuite
        self.serverName = serverName
        self.applicationProtocol = applicationProtocol
        self.ticket = ticket
        self.receivedAt = receivedAt
        self.lifetime = lifetime
        self.peerCertificates = peerCertificates
        self.secret = secret
    }

    /// The age of the ticket in milliseconds at `now`, as a client reports it (RFC 8446,
    /// Section 4.2.11.1, before obfuscation).
    func ticketAge(now: Date) -> UInt32 {
        UInt32(truncatingIfNeeded: max(0, SessionTime.millisecondsBetween(receivedAt, now)))
    }
}
