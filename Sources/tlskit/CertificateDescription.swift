import Crypto
import Foundation
import SwiftASN1
import X509
import _CryptoExtras

/// What `tlskit client` prints about one certificate of the peer's chain.
struct CertificateDescription: Hashable {
    var subject: String
    var issuer: String
    var notValidBefore: Date
    var notValidAfter: Date
    /// Subject alternative names as `DNS:example.com`, `IP:192.0.2.1`, ...
    var subjectAlternativeNames: [String]
    /// `ECDSA P-256`, `RSA 2048`, `Ed25519`, ...
    var keyType: String

    init(certificate: Certificate) {
        self.subject = certificate.subject.description
        self.issuer = certificate.issuer.description
        self.notValidBefore = certificate.notValidBefore
        self.notValidAfter = certificate.notValidAfter
        let names = (try? certificate.extensions.subjectAlternativeNames) ?? nil
        self.subjectAlternativeNames = names.map { $0.map(Self.describe) } ?? []
        self.keyType = Self.describe(certificate.publicKey)
    }

    /// Parses a DER certificate as the peer sent it.
    init(derEncoded bytes: [UInt8]) throws {
        self.init(certificate: try Certificate(derEncoded: bytes))
    }

    /// The description as indented lines, `index` being the position in the chain (0: leaf).
    func lines(index: Int) -> [String] {
        let validity = "\(Self.format(self.notValidBefore)) to \(Self.format(self.notValidAfter))"
        let names = self.subjectAlternativeNames.isEmpty ? "(none)" : self.subjectAlternativeNames.joined(separator: ", ")
        let pad = String(repeating: " ", count: String(index).count + 2)
        return [
            " \(index) subject: \(self.subject)",
            "\(pad)issuer:  \(self.issuer)",
            "\(pad)valid:   \(validity)",
            "\(pad)SANs:    \(names)",
            "\(pad)key:     \(self.keyType)",
        ]
    }

    /// `2025-01-31 12:00:00 UTC`.
    static func format(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String {
            let text = String(value ?? 0)
            return text.count < 2 ? "0" + text : text
        }
        return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute)):\(two(c.second)) UTC"
    }

    static func describe(_ name: GeneralName) -> String {
        switch name {
        case .dnsName(let name): "DNS:\(name)"
        case .ipAddress(let address): "IP:\(Self.formatIPAddress(Array(address.bytes)))"
        case .rfc822Name(let mail): "email:\(mail)"
        case .uniformResourceIdentifier(let uri): "URI:\(uri)"
        case .directoryName(let name): "DirName:\(name)"
        case .registeredID(let oid): "RID:\(oid)"
        case .otherName, .x400Address, .ediPartyName: "othername"
        }
    }

    static func describe(_ key: Certificate.PublicKey) -> String {
        if P256.Signing.PublicKey(key) != nil { return "ECDSA P-256" }
        if P384.Signing.PublicKey(key) != nil { return "ECDSA P-384" }
        if P521.Signing.PublicKey(key) != nil { return "ECDSA P-521" }
        if Curve25519.Signing.PublicKey(key) != nil { return "Ed25519" }
        if let rsa = _RSA.Signing.PublicKey(key) { return "RSA \(rsa.keySizeInBits)" }
        return "unknown key type"
    }

    /// Dotted IPv4, or IPv6 in hexadecimal groups with the longest run of zero groups as `::`
    /// (RFC 5952, Section 4).
    static func formatIPAddress(_ bytes: [UInt8]) -> String {
        if bytes.count == 4 {
            return bytes.map(String.init).joined(separator: ".")
        }
        guard bytes.count == 16 else {
            return bytes.map { String($0, radix: 16) }.joined(separator: ":")
        }
        let groups = stride(from: 0, to: 16, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
        var bestStart = -1
        var bestLength = 0
        var index = 0
        while index < groups.count {
            guard groups[index] == 0 else {
                index += 1
                continue
            }
            var end = index
            while end < groups.count, groups[end] == 0 { end += 1 }
            if end - index > bestLength, end - index >= 2 {
                bestStart = index
                bestLength = end - index
            }
            index = end
        }
        let hex = groups.map { String($0, radix: 16) }
        guard bestStart >= 0 else { return hex.joined(separator: ":") }
        let head = hex[..<bestStart].joined(separator: ":")
        let tail = hex[(bestStart + bestLength)...].joined(separator: ":")
        return head + "::" + tail
    }
}
