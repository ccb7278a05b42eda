import Crypto

/// One line of the NSS key log format: `LABEL <client_random> <secret>`, both values in
/// lowercase hex, without the line feed (draft-ietf-tls-keylogfile, Section 2).
enum KeyLogLine {
    static func format(label: KeyLogLabel, clientRandom: [UInt8], secret: SymmetricKey) -> String {
        let secretHex = secret.withUnsafeBytes { hex($0) }
        return "\(label.rawValue) \(hex(clientRandom)) \(secretHex)"
    }

    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var characters: [UInt8] = []
        for byte in bytes {
            characters.append(digits[Int(byte >> 4)])
            characters.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: characters, as: UTF8.self)
    }
}
