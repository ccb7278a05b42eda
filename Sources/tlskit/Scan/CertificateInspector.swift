import Foundation
import NIOCore
import TLSKit

/// Judges a chain the way a client would: TLSKit's `DefaultCertificateVerifier` for trust,
/// and its own reading of the leaf for names, dates, key and signature algorithm.
struct CertificateInspector: Sendable {
    var trustRoots: TrustRoots
    var serverName: String
    var now: Date = Date()

    func inspect(chain: [[UInt8]], source: String) async -> CertificateReport? {
        guard let leafDER = chain.first else { return nil }
        let facts = chain.map { try? CertificateFacts(derEncoded: $0) }
        let verification = await DefaultCertificateVerifier(trustRoots: self.trustRoots, validationTime: self.now)
            .verify(CertificateVerificationRequest(chain: chain, serverName: self.serverName, purpose: .serverAuth))
        let trusted: Bool
        var trustDetail: String
        switch verification {
        case .trusted: (trusted, trustDetail) = (true, "trusted")
        case .skippedInsecure: (trusted, trustDetail) = (false, "not verified")
        case .rejected(let error): (trusted, trustDetail) = (false, error.reason)
        }
        if !trusted, let leaf = facts.first ?? nil, leaf.keyAlgorithm == "RSA", (leaf.keyBits ?? 0) < 2048 {
            trustDetail += "; TLSKit, like current browsers, refuses RSA keys below 2048 bits"
        }
        guard let leafFacts = facts.first ?? nil else {
            return CertificateReport(
                source: source, chain: [], trusted: trusted, trustDetail: trustDetail, nameMatches: false,
                expired: false, notYetValid: false, daysLeft: 0, selfSigned: false, keyType: "unknown", keyBits: nil, curve: nil, lifespanDays: 0,
                weakKey: false, signatureAlgorithm: "unknown", chainInOrder: false, chainComplete: nil,
                findings: ["the leaf certificate (\(leafDER.count) bytes) could not be parsed"])
        }
        let summaries = facts.enumerated().map { index, fact in
            fact.map(Self.summary) ?? CertificateSummary(
                subject: "(unparsable certificate #\(index))", issuer: "", notBefore: "", notAfter: "", key: "",
                signatureAlgorithm: "", subjectAlternativeNames: [])
        }
        let parsed = facts.compactMap { $0 }
        let chainInOrder = parsed.count == facts.count
            && zip(parsed, parsed.dropFirst()).allSatisfy { $0.issuerDER == $1.subjectDER }
        let lastIsSelfSigned = parsed.last?.isSelfIssued ?? false
        let chainComplete: Bool? = trusted || lastIsSelfSigned ? true : nil
        let expired = self.now > leafFacts.notAfter
        let notYetValid = self.now < leafFacts.notBefore
        let daysLeft = Int((leafFacts.notAfter.timeIntervalSince(self.now) / 86400).rounded(.down))
        let nameMatches = Self.matches(self.serverName, facts: leafFacts)
        let weakKey = Self.isWeak(leafFacts)

        var findings: [String] = []
        if !trusted { findings.append("not trusted: \(trustDetail)") }
        if expired { findings.append("expired on \(CertificateDescription.format(leafFacts.notAfter))") }
        if notYetValid { findings.append("not valid before \(CertificateDescription.format(leafFacts.notBefore))") }
        if leafFacts.isSelfIssued { findings.append("self-signed") }
        if !nameMatches { findings.append("name mismatch: the certificate does not cover \(self.serverName)") }
        if weakKey { findings.append("\(leafFacts.keyDescription) bits is weak (at least RSA 2048 or ECDSA P-256 expected)") }
        if leafFacts.signatureAlgorithm.contains("SHA1") || leafFacts.signatureAlgorithm.contains("sha1")
            || leafFacts.signatureAlgorithm.contains("md5")
        {
            findings.append("signed with the broken \(leafFacts.signatureAlgorithm)")
        }
        if !chainInOrder { findings.append("chain out of order: a certificate is not issued by the next one") }
        if !trusted && !lastIsSelfSigned && chain.count == 1 && !leafFacts.isSelfIssued {
            findings.append("chain may be incomplete: only the leaf was sent")
        }
        return CertificateReport(
            source: source, chain: summaries, trusted: trusted, trustDetail: trustDetail, nameMatches: nameMatches,
            expired: expired, notYetValid: notYetValid, daysLeft: daysLeft, selfSigned: leafFacts.isSelfIssued,
            keyType: leafFacts.keyAlgorithm, keyBits: leafFacts.keyBits, curve: leafFacts.curve,
            lifespanDays: Int((leafFacts.notAfter.timeIntervalSince(leafFacts.notBefore) / 86400).rounded(.down)), weakKey: weakKey,
            signatureAlgorithm: leafFacts.signatureAlgorithm, chainInOrder: chainInOrder, chainComplete: chainComplete,
            findings: findings)
    }

    static func summary(_ facts: CertificateFacts) -> CertificateSummary {
        CertificateSummary(
            subject: facts.subject, issuer: facts.issuer,
            notBefore: CertificateDescription.format(facts.notBefore), notAfter: CertificateDescription.format(facts.notAfter),
            key: facts.keyDescription, signatureAlgorithm: facts.signatureAlgorithm,
            subjectAlternativeNames: facts.dnsNames.map { "DNS:\($0)" } + facts.ipAddresses.map { "IP:\($0)" })
    }

    /// RSA and DSA below 2048 bits, ECDSA below 256 bits.
    static func isWeak(_ facts: CertificateFacts) -> Bool {
        switch facts.keyAlgorithm {
        case "RSA", "DSA": (facts.keyBits ?? 0) < 2048
        case "ECDSA": (facts.keyBits ?? 0) < 256
        default: false
        }
    }

    /// Whether the SANs cover `name`: an IP address against IP SANs, a DNS name against DNS
    /// SANs with a wildcard only as the whole leftmost label (RFC 6125, Section 6.4.3).
    static func matches(_ name: String, facts: CertificateFacts) -> Bool {
        if (try? SocketAddress(ipAddress: name, port: 0)) != nil {
            let wanted = name.lowercased()
            return facts.ipAddresses.contains { $0.lowercased() == wanted }
        }
        let host = name.lowercased().hasSuffix(".") ? String(name.lowercased().dropLast()) : name.lowercased()
        return facts.dnsNames.contains { pattern in
            let pattern = pattern.lowercased()
            if pattern == host { return true }
            guard pattern.hasPrefix("*.") else { return false }
            let suffix = pattern.dropFirst(1)
            guard host.hasSuffix(suffix) else { return false }
            let label = host.dropLast(suffix.count)
            return !label.isEmpty && !label.contains(".")
        }
    }
}
