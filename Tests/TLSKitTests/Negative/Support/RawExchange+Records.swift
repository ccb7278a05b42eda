import Crypto
import NIOCore
import Testing
@testable import TLSKit

/// One record as a side sent it; a protected record is opened, and `type` is its real type.
struct SentRecord {
    var type: ContentType
    var content: ByteBuffer
    var isProtected: Bool
}

/// The keys of an exchange were not logged (yet).
struct MissingKeys: Error, CustomStringConvertible {
    var description: String
}

extension RawExchange {
    var parameters: CipherSuiteParameters {
        get throws {
            let parameters = version == .tls13 ? CipherSuiteParameters.tls13(suite) : CipherSuiteParameters.tls12(suite)
            guard let parameters else { throw MissingKeys(description: "no parameters for \(suite)") }
            return parameters
        }
    }

    /// The secret logged under `label`, by `role` or else by its peer.
    func secret(_ label: String, loggedBy role: TLSRole) throws -> SymmetricKey {
        let logs = role == .client ? [clientLog, serverLog] : [serverLog, clientLog]
        guard let bytes = logs.lazy.compactMap({ $0.secret(label) }).first else {
            throw MissingKeys(description: "no \(label) was logged")
        }
        return SymmetricKey(data: bytes)
    }

    /// TLS 1.3: the traffic secret `writer` seals with under `keys`.
    func trafficSecret(_ writer: TLSRole, _ keys: Keys) throws -> SymmetricKey {
        let side = writer == .client ? "CLIENT_" : "SERVER_"
        return try secret(side + (keys == .handshake ? "HANDSHAKE_TRAFFIC_SECRET" : "TRAFFIC_SECRET_0"), loggedBy: writer)
    }

    /// TLS 1.2: the session keys, from the master secret and the randoms of the first hellos.
    func tls12Keys(loggedBy role: TLSRole) throws -> TLS12SessionKeys {
        guard let clientRandom = Self.helloRandom(sent[.client]), let serverRandom = Self.helloRandom(sent[.server]) else {
            throw MissingKeys(description: "no hellos yet")
        }
        return TLS12SessionKeys(
            parameters: try parameters, masterSecret: try secret("CLIENT_RANDOM", loggedBy: role), extendedMasterSecret: true,
            clientRandom: clientRandom, serverRandom: serverRandom)
    }

    /// The random of the hello that starts `stream`: after the record header (5), the
    /// handshake header (4) and legacy_version (2).
    static func helloRandom(_ stream: ByteBuffer?) -> [UInt8]? {
        guard let stream, stream.readableBytes >= 43 else { return nil }
        return stream.getBytes(at: stream.readerIndex + 11, length: 32)
    }

    /// The protection `writer` seals its records with under `keys`, at sequence number 0.
    func protection(_ writer: TLSRole, _ keys: Keys) throws -> RecordProtection {
        if version == .tls13 {
            return .tls13(parameters: try parameters, trafficSecret: try trafficSecret(writer, keys))
        }
        return try tls12Keys(loggedBy: writer).recordProtection(writer: writer)
    }

    /// `records` sealed the way `writer` sends them under `keys`, the first one with sequence
    /// number `sequence`.
    func seal(
        _ records: [(ContentType, ByteBuffer)], as writer: TLSRole, keys: Keys = .handshake, from sequence: Int = 0
    ) throws -> ByteBuffer {
        var protection = try protection(writer, keys)
        var skipped = ByteBuffer()
        for _ in 0..<sequence {
            try protection.seal(contentType: .handshake, plaintext: ByteBuffer(bytes: [0]), into: &skipped)
        }
        var output = ByteBuffer()
        for (type, content) in records {
            try protection.seal(contentType: type, plaintext: content, into: &output)
        }
        return output
    }

    /// Every record `role` has sent, in order, protected ones opened: in TLS 1.3 those of outer
    /// type application_data, under the handshake keys and then the traffic keys; in TLS 1.2
    /// those after its change_cipher_spec.
    func records(sentBy role: TLSRole) throws -> [SentRecord] {
        let keys: [Keys] = version == .tls13 ? [.handshake, .traffic] : [.traffic]
        var keyIndex = 0
        var current: RecordProtection?
        var afterChangeCipherSpec = false
        var result: [SentRecord] = []
        for (type, fragment) in try TestRecords.split(sent[role] ?? ByteBuffer()) {
            let isProtected = version == .tls13 ? type == .applicationData : afterChangeCipherSpec
            if type == .changeCipherSpec { afterChangeCipherSpec = true }
            guard isProtected else {
                result.append(SentRecord(type: type, content: fragment, isProtected: false))
                continue
            }
            let record = TLSRecord(contentType: type, legacyVersion: .tls12, fragment: fragment)
            var opened: (contentType: ContentType, plaintext: ByteBuffer)?
            while opened == nil, keyIndex < keys.count {
                if current == nil { current = try? protection(role, keys[keyIndex]) }
                if var trial = current, let plaintext = try? trial.open(record) {
                    current = trial
                    opened = plaintext
                } else {
                    keyIndex += 1
                    current = nil
                }
            }
            guard let opened else { throw MissingKeys(description: "a record the \(role) sent does not open") }
            result.append(SentRecord(type: opened.contentType, content: opened.plaintext, isProtected: true))
        }
        return result
    }

    /// The handshake messages (with their headers) in the handshake records of `records`.
    static func handshakeMessages(in records: some Sequence<SentRecord>) throws -> [ByteBuffer] {
        var reassembler = HandshakeReassembler(maximumMessageSize: 1 << 20)
        var messages: [ByteBuffer] = []
        for record in records where record.type == .handshake {
            reassembler.append(record.content)
            while let message = try reassembler.nextMessage() { messages.append(message.raw) }
        }
        return messages
    }

    /// The records of `flight` (bytes just sent by `role`) opened: the last records it sent.
    func opened(_ flight: ByteBuffer, sentBy role: TLSRole) throws -> [SentRecord] {
        let count = try TestRecords.split(flight).count
        return Array(try records(sentBy: role).suffix(count))
    }

    /// Runs `role` until it wants input (`output(of:)`) and returns what it sent, opened.
    mutating func flight(of role: TLSRole) throws -> [SentRecord] {
        let bytes = try output(of: role)
        return try opened(bytes, sentBy: role)
    }

    /// A record of `count` bytes of application data sealed by hand as `writer` would under
    /// `keys` at `sequence` (AES-128-GCM): one TLSKit itself refuses to seal above 2^14 bytes.
    func sealByHand(count: Int, as writer: TLSRole, keys: Keys, sequence: UInt64) throws -> ByteBuffer {
        let content = [UInt8](repeating: 0x61, count: count)
        var record = ByteBuffer()
        if version == .tls13 {
            let traffic = TrafficKeys(parameters: try parameters, secret: try trafficSecret(writer, keys))
            var nonce = traffic.iv
            for index in 0..<8 { nonce[4 + index] ^= UInt8(truncatingIfNeeded: sequence >> (56 - 8 * UInt64(index))) }
            let inner = content + [ContentType.applicationData.rawValue]
            let header: [UInt8] = [23, 3, 3, UInt8((inner.count + 16) >> 8), UInt8(truncatingIfNeeded: inner.count + 16)]
            let box = try AES.GCM.seal(inner, using: traffic.key, nonce: AES.GCM.Nonce(data: nonce), authenticating: header)
            record.writeBytes(header + Array(box.ciphertext) + Array(box.tag))
        } else {
            let keys = try tls12Keys(loggedBy: writer)
            let block = TLS12KeyBlock(
                parameters: try parameters, masterSecret: keys.masterSecret, clientRandom: keys.clientRandom,
                serverRandom: keys.serverRandom
            ).writeKeys(for: writer)
            let explicit = (0..<8).map { UInt8(truncatingIfNeeded: sequence >> (56 - 8 * UInt64($0))) }
            let additionalData = explicit + [23, 3, 3, UInt8(count >> 8), UInt8(truncatingIfNeeded: count)]
            let box = try AES.GCM.seal(
                content, using: block.key, nonce: AES.GCM.Nonce(data: block.iv + explicit), authenticating: additionalData)
            let length = 8 + count + 16
            record.writeBytes([23, 3, 3, UInt8(length >> 8), UInt8(truncatingIfNeeded: length)])
            record.writeBytes(explicit + Array(box.ciphertext) + Array(box.tag))
        }
        return record
    }

    /// `bytes` cut in two after its first `offset` bytes.
    static func cut(_ bytes: ByteBuffer, at offset: Int) -> (head: ByteBuffer, tail: ByteBuffer) {
        var tail = bytes
        let head = tail.readSlice(length: min(offset, tail.readableBytes)) ?? ByteBuffer()
        return (head, tail)
    }

    /// A plaintext record (legacy_record_version 0x0303).
    static func plaintext(_ type: ContentType, _ content: ByteBuffer) -> ByteBuffer {
        TestRecords.join([(type, content)])
    }

    /// A fatal alert's two bytes.
    static func fatal(_ alert: AlertDescription) -> ByteBuffer {
        ByteBuffer(bytes: [AlertLevel.fatal.rawValue, alert.rawValue])
    }
}
