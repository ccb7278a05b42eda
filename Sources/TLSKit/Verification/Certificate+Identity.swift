import SwiftASN1
import X509

extension Certificate {
    /// The DNS and IP subject alternative names as text (RFC 5280, Section 4.2.1.6), or nil
    /// when the extension does not parse.
    var hostNames: [String]? {
        guard let names = try? extensions.subjectAlternativeNames else {
            return extensions[oid: .X509ExtensionID.subjectAlternativeName] == nil ? [] : nil
        }
        return names.compactMap { name in
            switch name {
            case .dnsName(let dns): dns
            case .ipAddress(let octets): IPAddressText.text(octets.bytes)
            default: nil
            }
        }
    }

    /// Whether issuer and subject are the same name (a root, or a self-signed leaf).
    var isSelfIssued: Bool { issuer == subject }

    /// Whether basic constraints mark this certificate as a CA (RFC 5280, Section 4.2.1.9).
    var isCertificateAuthority: Bool {
        if case .some(.isCertificateAuthority) = try? extensions.basicConstraints {
            return true
        }
        return false
    }

    /// The certificate as DER.
    func derBytes() throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(self)
        return serializer.serializedBytes
    }
}
