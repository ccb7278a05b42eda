import Foundation
import SwiftASN1
import X509

/// What a scan reports about one certificate, read straight from its DER (RFC 5280,
/// Section 4.1) with SwiftASN1. swift-certificates' `Certificate` refuses RSA keys below 2048
/// bits, and a scanner has to describe exactly those, so this reader needs only a
/// well-formed structure, not an acceptable key. Every field is bounds-checked by the DER
/// parser; malformed input throws.
struct CertificateFacts: Sendable, Hashable {
    var subject: String
    var issuer: String
    /// The encoded subject and issuer Names, compared to see who issued whom.
    var subjectDER: [UInt8]
    var issuerDER: [UInt8]
    var notBefore: Date
    var notAfter: Date
    /// `RSA`, `ECDSA`, `Ed25519`, `Ed448`, `DSA`, or the OID of another algorithm.
    var keyAlgorithm: String
    /// The RSA modulus or the curve size in bits, when known.
    var keyBits: Int?
    /// `P-256`, `P-384`, `P-521` for ECDSA keys.
    var curve: String?
    /// `sha256WithRSAEncryption`, `ecdsa-with-SHA256`, ... (the name OpenSSL prints).
    var signatureAlgorithm: String
    var dnsNames: [String]
    /// IP address SANs as text.
    var ipAddresses: [String]

    /// `RSA 2048`, `ECDSA P-256`, `Ed25519`.
    var keyDescription: String {
        if let curve { return "\(self.keyAlgorithm) \(curve)" }
        if let bits = self.keyBits, self.keyAlgorithm == "RSA" || self.keyAlgorithm == "DSA" { return "\(self.keyAlgorithm) \(bits)" }
        return self.keyAlgorithm
    }

    var isSelfIssued: Bool { self.subjectDER == self.issuerDER }

    init(derEncoded bytes: [UInt8]) throws {
        let root = try DER.parse(bytes)
        var certificate = try Self.children(root, "Certificate")
        guard let tbsNode = certificate.next(), let signatureAlgorithmNode = certificate.next() else {
            throw ScanProtocolError("the certificate is missing its parts")
        }
        var tbs = try Self.children(tbsNode, "TBSCertificate")
        var node = tbs.next()
        if node?.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific) {
            node = tbs.next()  // version
        }
        // node: serialNumber
        _ = tbs.next()  // signature
        guard let issuerNode = tbs.next(), let validityNode = tbs.next(), let subjectNode = tbs.next(),
            let keyInfoNode = tbs.next()
        else {
            throw ScanProtocolError("the certificate's TBSCertificate is incomplete")
        }
        self.issuerDER = Array(issuerNode.encodedBytes)
        self.subjectDER = Array(subjectNode.encodedBytes)
        self.issuer = (try? DistinguishedName(derEncoded: issuerNode).description) ?? "(unreadable name)"
        self.subject = (try? DistinguishedName(derEncoded: subjectNode).description) ?? "(unreadable name)"
        var validity = try Self.children(validityNode, "Validity")
        guard let notBeforeNode = validity.next(), let notAfterNode = validity.next() else {
            throw ScanProtocolError("the certificate's validity is incomplete")
        }
        self.notBefore = try Self.date(notBeforeNode)
        self.notAfter = try Self.date(notAfterNode)
        (self.keyAlgorithm, self.keyBits, self.curve) = try Self.key(keyInfoNode)
        self.signatureAlgorithm = try Self.algorithmName(signatureAlgorithmNode)
        self.dnsNames = []
        self.ipAddresses = []
        while let next = tbs.next() {
            guard next.identifier == ASN1Identifier(tagWithNumber: 3, tagClass: .contextSpecific) else { continue }
            try self.readExtensions(next)
        }
    }

    // MARK: Parts

    private static func children(_ node: ASN1Node, _ what: String) throws -> ASN1NodeCollection.Iterator {
        guard case .constructed(let nodes) = node.content else {
            throw ScanProtocolError("the certificate's \(what) is not a constructed value")
        }
        return nodes.makeIterator()
    }

    private static func date(_ node: ASN1Node) throws -> Date {
        var components = DateComponents()
        components.calendar = Calendar(identifier: .gregorian)
        components.timeZone = TimeZone(identifier: "UTC")
        if node.identifier == .utcTime {
            let time = try UTCTime(derEncoded: node)
            (components.year, components.month, components.day) = (time.year, time.month, time.day)
            (components.hour, components.minute, components.second) = (time.hours, time.minutes, time.seconds)
        } else {
            let time = try GeneralizedTime(derEncoded: node)
            (components.year, components.month, components.day) = (time.year, time.month, time.day)
            (components.hour, components.minute, components.second) = (time.hours, time.minutes, time.seconds)
        }
        guard let date = components.date else { throw ScanProtocolError("the certificate has an invalid date") }
        return date
    }

    private static let rsaEncryption: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 1]
    private static let ecPublicKey: ASN1ObjectIdentifier = [1, 2, 840, 10045, 2, 1]
    private static let dsa: ASN1ObjectIdentifier = [1, 2, 840, 10040, 4, 1]
    private static let ed25519: ASN1ObjectIdentifier = [1, 3, 101, 112]
    private static let ed448: ASN1ObjectIdentifier = [1, 3, 101, 113]
    private static let curves: [ASN1ObjectIdentifier: (String, Int)] = [
        [1, 2, 840, 10045, 3, 1, 7]: ("P-256", 256),
        [1, 3, 132, 0, 34]: ("P-384", 384),
        [1, 3, 132, 0, 35]: ("P-521", 521),
    ]
    private static let signatureAlgorithms: [ASN1ObjectIdentifier: String] = [
        [1, 2, 840, 113549, 1, 1, 4]: "md5WithRSAEncryption",
        [1, 2, 840, 113549, 1, 1, 5]: "sha1WithRSAEncryption",
        [1, 2, 840, 113549, 1, 1, 11]: "sha256WithRSAEncryption",
        [1, 2, 840, 113549, 1, 1, 12]: "sha384WithRSAEncryption",
        [1, 2, 840, 113549, 1, 1, 13]: "sha512WithRSAEncryption",
        [1, 2, 840, 113549, 1, 1, 10]: "rsassaPss",
        [1, 2, 840, 10045, 4, 1]: "ecdsa-with-SHA1",
        [1, 2, 840, 10045, 4, 3, 2]: "ecdsa-with-SHA256",
        [1, 2, 840, 10045, 4, 3, 3]: "ecdsa-with-SHA384",
        [1, 2, 840, 10045, 4, 3, 4]: "ecdsa-with-SHA512",
        [1, 3, 101, 112]: "ED25519",
        [1, 3, 101, 113]: "ED448",
    ]
    private static let subjectAlternativeName: ASN1ObjectIdentifier = [2, 5, 29, 17]

    private static func algorithmName(_ node: ASN1Node) throws -> String {
        var parts = try children(node, "AlgorithmIdentifier")
        guard let oidNode = parts.next() else { throw ScanProtocolError("an AlgorithmIdentifier is empty") }
        let oid = try ASN1ObjectIdentifier(derEncoded: oidNode)
        return self.signatureAlgorithms[oid] ?? oid.description
    }

    private static func key(_ node: ASN1Node) throws -> (String, Int?, String?) {
        var parts = try children(node, "SubjectPublicKeyInfo")
        guard let algorithmNode = parts.next(), let keyNode = parts.next() else {
            throw ScanProtocolError("the certificate's SubjectPublicKeyInfo is incomplete")
        }
        var algorithm = try children(algorithmNode, "AlgorithmIdentifier")
        guard let oidNode = algorithm.next() else { throw ScanProtocolError("the key's AlgorithmIdentifier is empty") }
        let oid = try ASN1ObjectIdentifier(derEncoded: oidNode)
        let key = try ASN1BitString(derEncoded: keyNode)
        switch oid {
        case rsaEncryption:
            var numbers = try children(try DER.parse(Array(key.bytes)), "RSAPublicKey")
            guard let modulus = numbers.next(), case .primitive(let bytes) = modulus.content else {
                throw ScanProtocolError("the RSA key has no modulus")
            }
            return ("RSA", Self.bitLength(bytes), nil)
        case ecPublicKey:
            guard let curveNode = algorithm.next(), let curveOID = try? ASN1ObjectIdentifier(derEncoded: curveNode) else {
                return ("ECDSA", nil, nil)
            }
            if let (name, bits) = curves[curveOID] { return ("ECDSA", bits, name) }
            return ("ECDSA", nil, curveOID.description)
        case ed25519: return ("Ed25519", 256, nil)
        case ed448: return ("Ed448", 456, nil)
        case dsa:
            return ("DSA", nil, nil)
        default:
            return (oid.description, nil, nil)
        }
    }

    /// The bit length of a big-endian unsigned integer, leading zero bytes ignored.
    static func bitLength(_ bytes: ArraySlice<UInt8>) -> Int {
        guard let first = bytes.firstIndex(where: { $0 != 0 }) else { return 0 }
        return (bytes.endIndex - first - 1) * 8 + (8 - bytes[first].leadingZeroBitCount)
    }

    private mutating func readExtensions(_ node: ASN1Node) throws {
        var wrapper = try Self.children(node, "extensions")
        guard let list = wrapper.next() else { return }
        var extensions = try Self.children(list, "Extensions")
        while let item = extensions.next() {
            var parts = try Self.children(item, "Extension")
            guard let oidNode = parts.next() else { continue }
            guard try ASN1ObjectIdentifier(derEncoded: oidNode) == Self.subjectAlternativeName else { continue }
            var valueNode = parts.next()
            if valueNode?.identifier == .boolean { valueNode = parts.next() }
            guard let valueNode else { continue }
            let value = try ASN1OctetString(derEncoded: valueNode)
            var names = try Self.children(try DER.parse(Array(value.bytes)), "SubjectAlternativeName")
            while let name = names.next() {
                guard name.identifier.tagClass == .contextSpecific, case .primitive(let bytes) = name.content else { continue }
                switch name.identifier.tagNumber {
                case 2: self.dnsNames.append(String(decoding: bytes, as: UTF8.self))
                case 7: self.ipAddresses.append(CertificateDescription.formatIPAddress(Array(bytes)))
                default: break
                }
            }
        }
    }
}
