import Synchronization

/// Collects key log lines from a configuration's `keyLog` callback.
final class KeyLogCollector: Sendable {
    private let storage = Mutex<[String]>([])

    var lines: [String] { storage.withLock { $0 } }

    var callback: @Sendable (String) -> Void {
        { line in self.storage.withLock { $0.append(line) } }
    }

    /// The secret logged under `label`, as bytes.
    func secret(_ label: String) -> [UInt8]? {
        for line in lines {
            let fields = line.split(separator: " ")
            if fields.count == 3, String(fields[0]) == label {
                return hexBytes(String(fields[2]))
            }
        }
        return nil
    }
}

/// Decodes lowercase or uppercase hex; nil for anything else.
func hexBytes(_ hex: String) -> [UInt8]? {
    let digits = Array(hex.utf8)
    guard digits.count % 2 == 0 else { return nil }
    var bytes: [UInt8] = []
    var index = 0
    while index < digits.count {
        guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { return nil }
        bytes.append(high << 4 | low)
        index += 2
    }
    return bytes
}

private func hexValue(_ digit: UInt8) -> UInt8? {
    switch digit {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
    default: nil
    }
}
