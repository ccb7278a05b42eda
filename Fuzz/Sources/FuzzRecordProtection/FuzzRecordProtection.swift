import Crypto
import FuzzSupport
import NIOCore
@testable import TLSKit

/// Record protection, TLS 1.3 (RFC 8446, Section 5.2) and TLS 1.2 AEAD (RFC 5246, Section
/// 6.2.3.3), with real keys so the fuzzer gets past decryption. The input (see
/// `FuzzRecordSelector`) picks the protection, the content type, the padding and a bit to flip;
/// the rest is the content. The harness seals it twice under fixed keys, deframes and opens
/// both records through the real open path and checks they give back what was sealed; a copy
/// with one bit flipped must not open; and the raw input, taken as a ciphertext, must not
/// open either (or open to something, without a crash).
@main
enum FuzzRecordProtectionEntry {
    static func main() { LibFuzzer.run(testOneInput: fuzzRecordProtection) }
}

/// A sealing side and a fresh opening side with the same keys.
func protections(_ choice: Int) -> (seal: RecordProtection, open: RecordProtection)? {
    let tls13: [CipherSuite] = [.tlsAES128GCMSHA256, .tlsAES256GCMSHA384, .tlsChaCha20Poly1305SHA256]
    let tls12: [CipherSuite] = [
        .tlsECDHEECDSAWithAES128GCMSHA256, .tlsECDHEECDSAWithAES256GCMSHA384, .tlsECDHEECDSAWithChaCha20Poly1305SHA256,
    ]
    if choice < tls13.count {
        guard let parameters = CipherSuiteParameters.tls13(tls13[choice]) else { return nil }
        let secret = SymmetricKey(data: Array(repeating: UInt8(0x13), count: parameters.hash.digestLength))
        let protection = RecordProtection.tls13(parameters: parameters, trafficSecret: secret)
        return (protection, protection)
    }
    guard let parameters = CipherSuiteParameters.tls12(tls12[(choice - tls13.count) % tls12.count]) else { return nil }
    let key = SymmetricKey(data: Array(repeating: UInt8(0x12), count: parameters.keyLength))
    let iv = Array(repeating: UInt8(0x21), count: parameters.fixedIVLength)
    let protection = RecordProtection.tls12(TLS12RecordProtection(parameters: parameters, key: key, fixedIV: iv))
    return (protection, protection)
}

/// Seals `content` as `type`, with `padding` zero bytes in TLS 1.3; nil when sealing refuses
/// (content or padding too long), which is the sealing side's own check.
func seal(_ protection: inout RecordProtection, type: ContentType, content: ByteBuffer, padding: Int) -> ByteBuffer? {
    var output = ByteBuffer()
    switch protection {
    case .tls13(var tls13):
        defer { protection = .tls13(tls13) }
        guard (try? tls13.seal(contentType: type, plaintext: content, paddingLength: padding, into: &output)) != nil else { return nil }
    case .tls12:
        guard (try? protection.seal(contentType: type, plaintext: content, into: &output)) != nil else { return nil }
    }
    return output
}

/// What opening the sealed record must give: for TLS 1.3 the inner plaintext's last non-zero
/// byte is the type and what precedes it the content (RFC 8446, Section 5.4), nil when it is
/// all zeros; for TLS 1.2 the type and content as sealed.
func expectedOpening(_ protection: RecordProtection, type: ContentType, content: [UInt8]) -> (ContentType, [UInt8])? {
    guard case .tls13 = protection else { return (type, content) }
    let inner = content + [type.rawValue]
    guard let last = inner.lastIndex(where: { $0 != 0 }) else { return nil }
    return (ContentType(rawValue: inner[last]), Array(inner[..<last]))
}

/// The records in `bytes`, through the real deframer.
func records(_ bytes: ByteBuffer) -> [TLSRecord] {
    var deframer = RecordDeframer()
    var bytes = bytes
    deframer.append(&bytes)
    var records: [TLSRecord] = []
    while let record = try? deframer.nextRecord() { records.append(record) }
    return records
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzRecordProtection(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size >= FuzzRecordSelector.headerLength else { return 0 }
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    guard let pair = protections(Int(input[0]) % FuzzRecordSelector.protectionCount) else {
        preconditionFailure("no parameters for a supported suite")
    }
    var (sealer, opener) = pair
    // TLS 1.2 sends the real type outside, and the deframer refuses unknown ones before any
    // opening, so a TLS 1.2 record carries one of the four; TLS 1.3 hides any byte inside.
    let knownTypes: [UInt8] = [20, 21, 22, 23]
    let tls12 = Int(input[0]) % FuzzRecordSelector.protectionCount >= 3
    let type = ContentType(rawValue: tls12 && !knownTypes.contains(input[1]) ? knownTypes[Int(input[1]) % 4] : input[1])
    let padding = Int(input[2]) * 64
    let contentBytes = Array(input[FuzzRecordSelector.headerLength...])
    let content = ByteBuffer(bytes: contentBytes)

    // The raw input as a ciphertext record, under the same keys: must not crash.
    var raw = opener
    let rawRecord = TLSRecord(contentType: type, legacyVersion: .tls12, fragment: content)
    _ = try? raw.open(rawRecord)

    // Seal twice (sequence numbers 0 and 1), open both.
    guard let first = seal(&sealer, type: type, content: content, padding: padding),
          let second = seal(&sealer, type: type, content: content, padding: padding)
    else { return 0 }
    let expected = expectedOpening(opener, type: type, content: contentBytes)
    var sealedRecords = records(first) + records(second)
    precondition(sealedRecords.count == 2, "a sealed record does not deframe")
    for record in sealedRecords {
        let opened = try? opener.open(record)
        if let expected {
            guard let opened else { preconditionFailure("a sealed record does not open") }
            precondition(opened.contentType == expected.0, "the content type changed")
            precondition(Array(opened.plaintext.readableBytesView) == expected.1, "the content changed")
        } else {
            precondition(opened == nil, "a record of only zeros opened")
        }
    }

    // One bit flipped anywhere in the second record (header included): it must not open.
    var tampered = second
    let bit = Int(input[3]) * 37 % (second.readableBytes * 8)
    let index = tampered.readerIndex + bit / 8
    if let byte = tampered.getInteger(at: index, as: UInt8.self) {
        tampered.setInteger(byte ^ (1 << UInt8(bit % 8)), at: index)
    }
    var tamperOpener = protections(Int(input[0]) % FuzzRecordSelector.protectionCount)?.open
    sealedRecords = records(first)
    _ = try? tamperOpener?.open(sealedRecords[0])
    for record in records(tampered) {
        precondition((try? tamperOpener?.open(record)) == nil, "a tampered record opened")
    }
    return 0
}
