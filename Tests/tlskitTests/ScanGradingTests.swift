import Testing

@testable import tlskit

/// The Mozilla grading rules of `tlskit scan` (`ProfileGrader`, `MozillaProfile`), on evidence
/// written out by hand.
@Suite struct ScanGradingTests {
    static func certificate(
        keyType: String = "ECDSA", keyBits: Int? = 256, curve: String? = "P-256",
        signature: String = "ecdsa-with-SHA256", expired: Bool = false, trusted: Bool = true, lifespanDays: Int = 90
    ) -> CertificateReport {
        CertificateReport(
            source: "test", chain: [], trusted: trusted, trustDetail: trusted ? "trusted" : "certificate expired",
            nameMatches: true, expired: expired, notYetValid: false, daysLeft: expired ? -10 : 80, selfSigned: false,
            keyType: keyType, keyBits: keyBits, curve: curve, lifespanDays: lifespanDays, weakKey: (keyBits ?? 0) < 2048 && keyType == "RSA",
            signatureAlgorithm: signature, chainInOrder: true, chainComplete: true, findings: [])
    }

    static let tls13Suites = ["TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"]

    @Test func tls13OnlyWithAnECDSACertificatePassesModern() {
        let evidence = ProfileGrader.Evidence(
            versions: ["TLS 1.3"], cipherSuites: Self.tls13Suites, groups: ["x25519", "secp256r1"], serverEnforcesOrder: nil,
            certificate: Self.certificate())
        let grades = ProfileGrader.grade(evidence)
        #expect(grades.map(\.profile) == ["modern", "intermediate", "old"])
        #expect(grades[0].passed, "\(grades[0].deviations)")
        #expect(grades[1].passed, "\(grades[1].deviations)")
        // Old wants an RSA certificate signed with sha256WithRSAEncryption.
        #expect(!grades[2].passed)
        #expect(grades[2].deviations.contains("certificate ECDSA 256 bits, profile wants RSA"))
    }

    @Test func thePostQuantumHybridIsNoDeviationButAWeakCurveIs() {
        let evidence = ProfileGrader.Evidence(
            versions: ["TLS 1.3"], cipherSuites: Self.tls13Suites, groups: ["X25519MLKEM768", "x25519", "secp256r1", "0x13"],
            serverEnforcesOrder: nil, certificate: Self.certificate())
        #expect(ProfileGrader.deviations(evidence, from: .modern) == ["offers group 0x13"])
    }

    @Test func tls12MakesModernFailWithEachDeviationNamed() {
        let evidence = ProfileGrader.Evidence(
            versions: ["TLS 1.2", "TLS 1.3"],
            cipherSuites: Self.tls13Suites + ["TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"],
            groups: ["x25519"], serverEnforcesOrder: false, certificate: Self.certificate())
        let modern = ProfileGrader.deviations(evidence, from: .modern)
        #expect(modern == ["offers TLS 1.2", "offers TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"])
        #expect(ProfileGrader.deviations(evidence, from: .intermediate).isEmpty)
    }

    @Test func weakServerDeviatesFromEveryProfile() {
        let evidence = ProfileGrader.Evidence(
            versions: ["TLS 1.0"], cipherSuites: ["TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"],
            groups: ["x25519", "x448"], serverEnforcesOrder: false,
            certificate: Self.certificate(
                keyType: "RSA", keyBits: 1024, curve: nil, signature: "sha256WithRSAEncryption", expired: true, trusted: false,
                lifespanDays: 400))
        let modern = ProfileGrader.deviations(evidence, from: .modern)
        #expect(modern.contains("offers TLS 1.0"))
        #expect(modern.contains("does not offer TLS 1.3"))
        #expect(modern.contains("offers TLS_RSA_WITH_AES_128_CBC_SHA"))
        #expect(modern.contains("certificate RSA 1024 bits, profile wants ECDSA"))
        #expect(modern.contains("certificate RSA 1024 bits, profile wants 2048"))
        #expect(modern.contains("certificate expired"))
        #expect(modern.contains("certificate lifespan 400 days, profile allows at most 90"))

        let intermediate = ProfileGrader.deviations(evidence, from: .intermediate)
        #expect(intermediate.contains("offers TLS 1.0"))
        #expect(intermediate.contains("offers none of TLS 1.2, TLS 1.3"))
        #expect(intermediate.contains("offers TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"))
        #expect(intermediate.contains("offers group x448"))
        #expect(intermediate.contains("certificate lifespan 400 days, profile allows at most 366"))

        let old = ProfileGrader.deviations(evidence, from: .old)
        #expect(old == [
            "offers group x448",
            "does not enforce its own cipher suite order, profile wants server order",
            "certificate RSA 1024 bits, profile wants 2048",
            "certificate expired",
            "certificate not trusted: certificate expired",
            "certificate lifespan 400 days, profile allows at most 366",
        ])
    }

    @Test func guideline6IntermediateDropsDHEAndOldKeepsIt() {
        let evidence = ProfileGrader.Evidence(
            versions: ["TLS 1.2", "TLS 1.3"], cipherSuites: Self.tls13Suites + ["TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"],
            groups: ["x25519"], serverEnforcesOrder: true,
            certificate: Self.certificate(keyType: "RSA", keyBits: 2048, curve: nil, signature: "sha256WithRSAEncryption"))
        #expect(ProfileGrader.deviations(evidence, from: .intermediate) == ["offers TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"])
        #expect(ProfileGrader.deviations(evidence, from: .old).isEmpty)
        #expect(ProfileGrader.grade(evidence).map(\.guideline) == ["6.0", "6.0", "5.7"])
    }

    @Test func modernWantsCertificatesOf90DaysAtMost() {
        let evidence = ProfileGrader.Evidence(
            versions: ["TLS 1.3"], cipherSuites: Self.tls13Suites, groups: ["x25519"], serverEnforcesOrder: nil,
            certificate: Self.certificate(lifespanDays: 91))
        #expect(ProfileGrader.deviations(evidence, from: .modern) == ["certificate lifespan 91 days, profile allows at most 90"])
        #expect(ProfileGrader.deviations(evidence, from: .intermediate).isEmpty)
    }

    @Test func missingCertificateIsADeviation() {
        let evidence = ProfileGrader.Evidence(
            versions: ["TLS 1.3"], cipherSuites: Self.tls13Suites, groups: [], serverEnforcesOrder: nil, certificate: nil)
        #expect(ProfileGrader.deviations(evidence, from: .modern) == ["no certificate could be examined"])
    }

    @Test func everyProfileSuiteIsInTheCatalog() {
        let names = Set(CipherSuiteCatalog.all.map(\.name))
        for profile in MozillaProfile.all {
            for suite in profile.cipherSuites {
                #expect(names.contains(suite), "\(profile.name): \(suite)")
            }
        }
    }
}
