import NIOCore
import Testing
@testable import TLSKit

/// Records above the size limits, sent to a real server: before the handshake in plaintext,
/// after it under the traffic keys. The record layer's own unit tests are in
/// RecordDeframerTests, RecordProtectionTests and TLS12RecordProtectionTests; the client's
/// plaintext limit in ClientHandshakeTests.oversizedPlaintextRecordIsRecordOverflow.
@Suite struct RecordSizeNegativeTests {
    static let versions: [ProtocolVersion] = [.tls13, .tls12]

    /// A pair after its handshake.
    private func connected(_ version: ProtocolVersion) throws -> RawExchange {
        var exchange = try RawExchange(version)
        try exchange.completeHandshake()
        return exchange
    }

    /// The client's next write sequence number after the handshake: in TLS 1.3 the traffic
    /// keys are fresh, in TLS 1.2 its Finished took number 0.
    private func clientSequence(_ version: ProtocolVersion) -> UInt64 { version == .tls13 ? 0 : 1 }

    /// RFC 8446, Section 5.1 and RFC 5246, Section 6.2.1: TLSPlaintext.length must not exceed
    /// 2^14; RFC 8446, Section 5.2 / RFC 5246, Section 7.2.2: record_overflow.
    @Test(arguments: versions)
    func plaintextRecordOverTwoToTheFourteenIsRecordOverflow(_ version: ProtocolVersion) throws {
        var exchange = try RawExchange(version)
        let hello = try exchange.output(of: .client)
        var fragment = try #require(try TestRecords.split(hello).first?.1)
        fragment.writeRepeatingByte(0, count: (1 << 14) + 1 - fragment.readableBytes)
        exchange.feed(RawExchange.plaintext(.handshake, fragment), to: .server)
        try exchange.expectAlert(.recordOverflow, from: .server, protected: false)
    }

    /// RFC 8446, Section 5.2: a TLSCiphertext of more than 2^14 + 256 bytes is a
    /// record_overflow; TLS 1.2 allows 2^14 + 2048 (RFC 5246, Section 6.2.3), but an AEAD
    /// record that long holds more than 2^14 bytes of plaintext, which is a record_overflow
    /// too (Sections 6.2.1 and 7.2.2). Refused from the header, before the body arrives.
    @Test(arguments: [(ProtocolVersion.tls13, (1 << 14) + 257), (.tls12, (1 << 14) + 257), (.tls12, (1 << 14) + 2049)])
    func ciphertextOverTheLimitIsRecordOverflow(_ version: ProtocolVersion, _ length: Int) throws {
        var exchange = try connected(version)
        var record = ByteBuffer(bytes: [23, 3, 3, UInt8(length >> 8), UInt8(length & 0xFF)])
        record.writeRepeatingByte(0x42, count: 100)
        exchange.feed(record, to: .server)
        try exchange.expectAlert(.recordOverflow, from: .server, protected: true)
    }

    /// RFC 8446, Section 5.4: TLSInnerPlaintext content above 2^14 bytes, correctly sealed, is a
    /// record_overflow; RFC 5246, Sections 6.2.1 and 7.2.2 likewise for TLS 1.2.
    @Test(arguments: versions)
    func protectedContentOverTwoToTheFourteenIsRecordOverflow(_ version: ProtocolVersion) throws {
        var exchange = try connected(version)
        let record = try exchange.sealByHand(
            count: (1 << 14) + 1, as: .client, keys: .traffic, sequence: clientSequence(version))
        exchange.feed(record, to: .server)
        try exchange.expectAlert(.recordOverflow, from: .server, protected: true)
    }

    /// The control for the case above: 2^14 bytes sealed the same way are delivered.
    @Test(arguments: versions)
    func protectedContentOfTwoToTheFourteenIsDelivered(_ version: ProtocolVersion) throws {
        var exchange = try connected(version)
        let record = try exchange.sealByHand(count: 1 << 14, as: .client, keys: .traffic, sequence: clientSequence(version))
        exchange.feed(record, to: .server)
        try exchange.output(of: .server)
        #expect(exchange.delivered[.server]?.readableBytes == 1 << 14)
    }
}
