/// Compares what a scan found with each Mozilla Server Side TLS configuration
/// (`MozillaProfile`: guideline 6.0, old from 5.7) and names every deviation.
enum ProfileGrader {
    /// What grading looks at, taken from a scan.
    struct Evidence: Sendable, Hashable {
        /// `TLS 1.2`, `TLS 1.3`, ... (SSL 3.0 too).
        var versions: [String]
        /// Every accepted suite at any version, IANA names, in the order found.
        var cipherSuites: [String]
        /// Groups accepted at any version.
        var groups: [String]
        /// Whether the server enforced its suite order at its best pre-TLS 1.3 version.
        var serverEnforcesOrder: Bool?
        var certificate: CertificateReport?
    }

    static func grade(_ evidence: Evidence, profiles: [MozillaProfile] = MozillaProfile.all) -> [ProfileGrade] {
        profiles.map { profile in
            let deviations = self.deviations(evidence, from: profile)
            return ProfileGrade(profile: profile.name, guideline: profile.guideline, passed: deviations.isEmpty, deviations: deviations)
        }
    }

    static func deviations(_ evidence: Evidence, from profile: MozillaProfile) -> [String] {
        var deviations: [String] = []
        for version in evidence.versions where !profile.versions.contains(version) {
            deviations.append("offers \(version)")
        }
        if !evidence.versions.contains(where: profile.versions.contains) {
            deviations.append(
                profile.versions.count == 1
                    ? "does not offer \(profile.versions[0])"
                    : "offers none of \(profile.versions.joined(separator: ", "))")
        }
        var seen: Set<String> = []
        for suite in evidence.cipherSuites where !profile.cipherSuites.contains(suite) && seen.insert(suite).inserted {
            deviations.append("offers \(suite)")
        }
        for group in evidence.groups where !profile.groups.contains(group) && !MozillaProfile.hybridGroups.contains(group) {
            deviations.append("offers group \(group)")
        }
        if profile.wantsServerPreferredOrder, evidence.serverEnforcesOrder == false {
            deviations.append("does not enforce its own cipher suite order, profile wants server order")
        }
        guard let certificate = evidence.certificate else {
            deviations.append("no certificate could be examined")
            return deviations
        }
        let key = certificate.keyBits.map { "\(certificate.keyType) \($0) bits" } ?? certificate.keyType
        if !profile.certificateTypes.contains(certificate.keyType) {
            deviations.append("certificate \(key), profile wants \(profile.certificateTypes.joined(separator: " or "))")
        }
        if certificate.keyType == "RSA", (certificate.keyBits ?? 0) < profile.minimumRSAKeyBits {
            deviations.append("certificate RSA \(certificate.keyBits ?? 0) bits, profile wants \(profile.minimumRSAKeyBits)")
        }
        if certificate.keyType == "ECDSA", profile.certificateTypes.contains("ECDSA"),
            let curve = certificate.curve, !profile.certificateCurves.contains(curve)
        {
            deviations.append("certificate ECDSA \(curve), profile wants \(profile.certificateCurves.joined(separator: " or "))")
        }
        if !profile.certificateSignatures.contains(certificate.signatureAlgorithm) {
            deviations.append(
                "certificate signed with \(certificate.signatureAlgorithm), profile wants \(profile.certificateSignatures.joined(separator: " or "))")
        }
        if certificate.expired { deviations.append("certificate expired") }
        if certificate.notYetValid { deviations.append("certificate not yet valid") }
        if !certificate.trusted { deviations.append("certificate not trusted: \(certificate.trustDetail)") }
        if !certificate.nameMatches { deviations.append("certificate does not cover the server name") }
        if certificate.lifespanDays > profile.maximumCertificateLifespanDays {
            deviations.append("certificate lifespan \(certificate.lifespanDays) days, profile allows at most \(profile.maximumCertificateLifespanDays)")
        }
        return deviations
    }
}
