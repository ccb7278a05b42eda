import Foundation
import Synchronization

/// Collects the key log lines (NSS format, `LABEL client_random secret`) of one connection, so
/// `SeedWriter` can open the TLS 1.3 records and take out the handshake messages inside.
final class KeyLogCollector: Sendable {
    private let lines = Mutex<[String: [UInt8]]>([:])

    /// A closure for `TLSProtocolSettings.keyLog`.
    var closure: @Sendable (String) -> Void {
        { line in
            let fields = line.split(separator: " ")
            guard fields.count == 3, let secret = Self.bytes(hex: fields[2]) else { return }
            self.lines.withLock { $0[String(fields[0])] = secret }
        }
    }

    /// The secret logged under `label`, if any.
    func secret(_ label: String) -> [UInt8]? { lines.withLock { $0[label] } }

    private static func bytes(hex: Substring) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index..<(index + 2)], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }
}
